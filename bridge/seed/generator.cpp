#include "seed/generator.h"

#include <array>
#include <stdexcept>

#include "seed/case_generator.h"
#include "seed/centres.h"
#include "seed/prng.h"
#include "seed/record_json.h"
#include "seed/staff.h"
#include "seed/vocabulary.h"

namespace teichaku::seed {

namespace {

constexpr std::uint64_t kReportStream = (1ULL << 62) + 1;
constexpr int kReportMonths = 12;

// One archived monthly report per centre for each of the twelve months before the base month.
void emitReports(const SeedOptions& options, const RecordSink& sink) {
  Prng prng(streamSeed(options.seed, kReportStream));
  const auto baseMonth = std::chrono::year_month{options.baseDate.year(), options.baseDate.month()};
  for (const Centre& centre : centres()) {
    for (int back = kReportMonths; back >= 1; --back) {
      const auto month = baseMonth - std::chrono::months{back};
      const auto next = month + std::chrono::months{1};
      // The newest report may still be in any state; older ones are mostly submitted.
      const std::array<unsigned, 5> weights = back == 1
                                                  ? std::array<unsigned, 5>{10, 40, 30, 10, 10}
                                                  : std::array<unsigned, 5>{0, 5, 85, 5, 5};
      const auto state = prng.weighted(weights);
      char period[16];
      std::snprintf(period, sizeof period, "%04d-%02u", static_cast<int>(month.year()),
                    static_cast<unsigned>(month.month()));
      RecordJson record;
      record.text("報告センター", centre.name);
      record.entities("閲覧組織", {std::string(centre.organization)});
      record.text("対象月", period);
      record.text("様式", "pref-" + std::string(centre.code.substr(0, 2)) + "-monthly");
      record.text("報告状態", vocab::kReportStates[state]);
      if (state != 0) {
        const Date generated =
            addDays(Date{next / std::chrono::day{1}}, static_cast<int>(prng.between(0, 5)));
        record.dateTime("生成日時", isoDateTimeJst(generated, 9, static_cast<int>(prng.below(60))));
      }
      sink(App::kReports, record.finish());
    }
  }
}

}  // namespace

std::string_view appKey(App app) {
  static constexpr std::array<std::string_view, kAllApps.size()> kKeys{
      "cases", "support_records", "tasks", "shares", "staff", "reports"};
  return kKeys[static_cast<std::size_t>(app)];
}

void generateStream(const SeedOptions& options, const RecordSink& sink) {
  if (!options.baseDate.ok()) {
    throw std::invalid_argument("SeedOptions::baseDate is not a valid date");
  }
  for (const auto& member : generateStaff(options.seed, options.baseDate)) {
    sink(App::kStaff, staffRecordJson(member));
  }
  emitReports(options, sink);
  for (std::size_t index = 0; index < options.cases; ++index) {
    generateCase(options, index, sink);
  }
}

Dataset generate(const SeedOptions& options) {
  Dataset dataset;
  generateStream(options, [&dataset](App app, std::string_view json) {
    dataset.records[static_cast<std::size_t>(app)].emplace_back(json);
  });
  return dataset;
}

}  // namespace teichaku::seed
