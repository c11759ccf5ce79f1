#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seed/dates.h"

namespace teichaku::seed {

// The six Raito Plus apps, keyed as in samples/apps/apps.toml.
enum class App { kCases, kSupportRecords, kTasks, kShares, kStaff, kReports };
inline constexpr std::array<App, 6> kAllApps{App::kCases,  App::kSupportRecords, App::kTasks,
                                             App::kShares, App::kStaff,          App::kReports};
std::string_view appKey(App app);  // "cases", "support_records", ...

struct SeedOptions {
  std::size_t cases = 1000;
  std::uint64_t seed = 1;
  // When set, every 50th case (index 0, 50, 100, ...) gets exactly this 氏名, and its first
  // support record quotes it, so tests can follow where personal data travels.
  std::optional<std::string> canary;
  // "Today" of the data set: request dates cover the six fiscal years ending on it.
  Date baseDate{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{31}};
};

// Records are compact JSON objects in the write shape of POST /k/v1/records.json: no $id, no
// lookup copies (only the key 対象者番号), derived fields left for the bridge to write back.
struct Dataset {
  std::array<std::vector<std::string>, kAllApps.size()> records;
  const std::vector<std::string>& of(App app) const {
    return records[static_cast<std::size_t>(app)];
  }
};

using RecordSink = std::function<void(App app, std::string_view recordJson)>;

// Streams the whole data set: staff and reports first, then case by case (the case, its
// support records, tasks and shares). Case i depends only on (seed, i), so memory stays flat
// for any number of cases, and a prefix of a larger data set equals the smaller one.
void generateStream(const SeedOptions& options, const RecordSink& sink);
Dataset generate(const SeedOptions& options);

}  // namespace teichaku::seed
