#include "seed/generator.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace teichaku::seed {
namespace {

using testing::parseJson;
using testing::text;

SeedOptions options(std::size_t cases, std::uint64_t seed) {
  SeedOptions result;
  result.cases = cases;
  result.seed = seed;
  return result;
}

TEST(SeedGenerator, SameSeedGivesIdenticalData) {
  const Dataset first = generate(options(300, 7));
  const Dataset second = generate(options(300, 7));
  for (App app : kAllApps) {
    EXPECT_EQ(first.of(app), second.of(app)) << appKey(app);
  }
}

TEST(SeedGenerator, DifferentSeedsGiveDifferentData) {
  const Dataset first = generate(options(50, 7));
  const Dataset second = generate(options(50, 8));
  for (App app : kAllApps) {
    EXPECT_NE(first.of(app), second.of(app)) << appKey(app);
  }
}

TEST(SeedGenerator, SmallerDataSetIsAPrefixOfALargerOne) {
  // Case i depends only on (seed, i): what makes streaming 100,000 cases possible.
  const Dataset small = generate(options(20, 5));
  const Dataset large = generate(options(60, 5));
  for (App app : kAllApps) {
    const auto& part = small.of(app);
    const auto& whole = large.of(app);
    ASSERT_LE(part.size(), whole.size());
    EXPECT_TRUE(std::equal(part.begin(), part.end(), whole.begin())) << appKey(app);
  }
  EXPECT_GT(large.of(App::kCases).size(), small.of(App::kCases).size());
}

TEST(SeedGenerator, StreamDeliversWhatGenerateCollects) {
  const SeedOptions opts = options(40, 3);
  const Dataset collected = generate(opts);
  std::array<std::size_t, kAllApps.size()> seen{};
  std::size_t mismatches = 0;
  generateStream(opts, [&](App app, std::string_view json) {
    const auto index = static_cast<std::size_t>(app);
    if (collected.records[index].at(seen[index]++) != json) {
      ++mismatches;
    }
  });
  EXPECT_EQ(mismatches, 0u);
  for (App app : kAllApps) {
    EXPECT_EQ(seen[static_cast<std::size_t>(app)], collected.of(app).size()) << appKey(app);
  }
}

TEST(SeedGenerator, CountsPerApp) {
  const Dataset data = generate(options(100, 1));
  EXPECT_EQ(data.of(App::kCases).size(), 100u);
  EXPECT_EQ(data.of(App::kStaff).size(), 48u * 10u);    // 10 staff in each of 48 centres
  EXPECT_EQ(data.of(App::kReports).size(), 48u * 12u);  // 12 months per centre
  // Each case has at least two routine support records and two common tasks.
  EXPECT_GE(data.of(App::kSupportRecords).size(), 200u);
  EXPECT_GE(data.of(App::kTasks).size(), 200u);
}

TEST(SeedGenerator, KeysAreUniqueAndLookupsPointAtExistingCases) {
  const Dataset data = generate(options(300, 2));
  std::set<std::string> caseNumbers;
  for (const auto& json : data.of(App::kCases)) {
    caseNumbers.insert(text(parseJson(json), "ケース番号"));
  }
  EXPECT_EQ(caseNumbers.size(), 300u);
  std::set<std::string> logins;
  for (const auto& json : data.of(App::kStaff)) {
    logins.insert(text(parseJson(json), "ログイン名"));
  }
  EXPECT_EQ(logins.size(), 480u);
  for (App app : {App::kSupportRecords, App::kTasks, App::kShares}) {
    for (const auto& json : data.of(app)) {
      const auto record = parseJson(json);
      ASSERT_EQ(caseNumbers.count(text(record, "対象者番号")), 1u) << appKey(app) << json;
      ASSERT_FALSE(record.HasMember("$id"));
    }
  }
}

TEST(SeedGenerator, EveryUserReferenceIsARosterLogin) {
  const Dataset data = generate(options(200, 4));
  std::set<std::string> logins;
  for (const auto& json : data.of(App::kStaff)) {
    logins.insert(text(parseJson(json), "ログイン名"));
  }
  const std::vector<std::pair<App, const char*>> userFields{{App::kCases, "担当者"},
                                                            {App::kSupportRecords, "記録者"},
                                                            {App::kTasks, "タスク担当者"},
                                                            {App::kShares, "送信者"},
                                                            {App::kShares, "受領者"}};
  std::size_t checked = 0;
  for (const auto& [app, code] : userFields) {
    for (const auto& json : data.of(app)) {
      const auto record = parseJson(json);
      if (!record.HasMember(code)) {
        continue;
      }
      for (const auto& user : record[code]["value"].GetArray()) {
        ++checked;
        EXPECT_EQ(logins.count(user["code"].GetString()), 1u) << user["code"].GetString();
      }
    }
  }
  EXPECT_GT(checked, 1000u);
}

TEST(SeedGenerator, RejectsAnImpossibleBaseDate) {
  SeedOptions opts = options(1, 1);
  opts.baseDate = Date{std::chrono::year{2025}, std::chrono::month{2}, std::chrono::day{29}};
  EXPECT_THROW(generate(opts), std::invalid_argument);
}

}  // namespace
}  // namespace teichaku::seed
