// Centres are printed in the order of their codes (samples/apps/centres.json: 01a, 01b, 02 …
// 47), not of their names, with centres the file does not list after them.
#include <gtest/gtest.h>

#include <stdexcept>

#include "centre_order.h"
#include "national_test_support.h"

namespace teichaku::stats_test {
namespace {

// The centre column of every line of the counts CSV after its header, each block once.
std::vector<std::string> blockOrder(const std::string& csv) {
  std::vector<std::string> order;
  std::istringstream in(csv);
  std::string line;
  bool body = false;
  while (std::getline(in, line)) {
    const auto fields = splitCsvLine(line);
    if (!body) {
      body = fields.size() > 2 && fields[0] == "センター";
      continue;
    }
    if (order.empty() || order.back() != fields[0]) {
      order.push_back(fields[0]);
    }
  }
  return order;
}

TEST(NationalCentreOrder, BlocksFollowTheCentreCodes) {
  // Codes from samples/apps/centres.json: 道央 01a, 道北 01b, 東京 13, 大阪 27. By name
  // (UTF-8 order) 大阪 would come before 東京.
  const std::string doo = "北海道地域生活定着支援センター（道央）";
  const std::string dohoku = "北海道地域生活定着支援センター（道北）";
  const std::string tokyo = "東京都地域生活定着支援センター";
  const std::string osaka = "大阪府地域生活定着支援センター";
  QueryMirror mirror({{"C1", osaka, "特別調整", "2024-05-01", ""},
                      {"C2", "架空センター", "特別調整", "2024-05-01", ""},
                      {"C3", tokyo, "特別調整", "2024-05-01", ""},
                      {"C4", dohoku, "特別調整", "2024-05-01", ""},
                      {"C5", doo, "特別調整", "2024-05-01", ""}});
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  request.formats = {"csv"};
  RunResult run = runNational(mirror, "type = \"stats_national\"\n", request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  EXPECT_EQ(blockOrder(run.files["national/stats_national.csv"]),
            (std::vector<std::string>{doo, dohoku, tokyo, osaka, "架空センター", "全センター"}));
}

TEST(NationalCentreOrder, AnUnreadableCentresFileStopsTheInstance) {
  QueryMirror mirror({});
  RunResult run =
      runNational(mirror, "type = \"stats_national\"\ncentres = \"no/such/centres.json\"\n", {});
  EXPECT_FALSE(run.outcome.isOk());
  EXPECT_NE(run.outcome.message().find("STATS_CENTRES_INVALID"), std::string::npos)
      << run.outcome.message();
  EXPECT_NE(run.outcome.message().find("no/such/centres.json"), std::string::npos);
  EXPECT_THROW(stats::centreNamesByCode("{\"centres\": [{\"code\": \"01a\"}]}", "x.json"),
               std::runtime_error);
  EXPECT_EQ(stats::centreNamesByCode(
                "{\"centres\": [{\"code\": \"02\", \"name\": \"B\"}, {\"code\": \"01b\", "
                "\"name\": \"A2\"}, {\"code\": \"01a\", \"name\": \"A1\"}]}",
                "x.json"),
            (std::vector<std::string>{"A1", "A2", "B"}));
}

}  // namespace
}  // namespace teichaku::stats_test
