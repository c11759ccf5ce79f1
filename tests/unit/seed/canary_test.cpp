#include <gtest/gtest.h>

#include "seed/generator.h"
#include "test_support.h"

namespace teichaku::seed {
namespace {

constexpr std::string_view kCanary = "検査用 カナリア氏名";

Dataset withCanary(std::size_t cases) {
  SeedOptions options;
  options.cases = cases;
  options.seed = 21;
  options.canary = std::string(kCanary);
  return generate(options);
}

std::size_t countContaining(const std::vector<std::string>& records) {
  std::size_t count = 0;
  for (const auto& json : records) {
    count += json.find(kCanary) != std::string::npos ? 1 : 0;
  }
  return count;
}

TEST(SeedCanary, EveryFiftiethCaseCarriesTheCanaryName) {
  // Cases 0, 50, ..., 450 of 500: ten cases (generator.h documents the rule).
  const Dataset data = withCanary(500);
  std::size_t named = 0;
  for (std::size_t i = 0; i < data.of(App::kCases).size(); ++i) {
    const auto record = testing::parseJson(data.of(App::kCases)[i]);
    const bool isCanary = testing::text(record, "氏名") == kCanary;
    EXPECT_EQ(isCanary, i % 50 == 0) << i;
    named += isCanary ? 1 : 0;
  }
  EXPECT_EQ(named, 10u);
}

TEST(SeedCanary, OneSupportRecordPerCanaryCaseQuotesIt) {
  const Dataset data = withCanary(500);
  EXPECT_EQ(countContaining(data.of(App::kSupportRecords)), 10u);
}

TEST(SeedCanary, NoOtherAppCarriesIt) {
  // Tasks, shares and reports hold only the case number: the name travels to them through
  // kintone lookups, never from the generator.
  const Dataset data = withCanary(500);
  for (App app : {App::kTasks, App::kShares, App::kStaff, App::kReports}) {
    EXPECT_EQ(countContaining(data.of(app)), 0u) << appKey(app);
  }
}

TEST(SeedCanary, AbsentWithoutTheOption) {
  SeedOptions options;
  options.cases = 500;
  options.seed = 21;
  const Dataset data = generate(options);
  for (App app : kAllApps) {
    EXPECT_EQ(countContaining(data.of(app)), 0u) << appKey(app);
  }
}

}  // namespace
}  // namespace teichaku::seed
