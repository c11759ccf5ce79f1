// Distribution sanity for N = 2000 cases. Bounds are stated by hand from the generator's
// documented intent, wide enough to survive a changed seed, narrow enough to catch a broken
// distribution.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "seed/generator.h"
#include "test_support.h"

namespace teichaku::seed {
namespace {

using testing::parseJson;
using testing::text;

class SeedDistribution : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SeedOptions options;
    options.cases = 2000;
    options.seed = 20260401;
    data_ = new Dataset(generate(options));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }

  static std::map<std::string, int> tally(App app, const char* code) {
    std::map<std::string, int> counts;
    for (const auto& json : data_->of(app)) {
      ++counts[text(parseJson(json), code)];
    }
    return counts;
  }

  static std::set<std::string> keys(const std::map<std::string, int>& counts) {
    std::set<std::string> result;
    for (const auto& [key, count] : counts) {
      result.insert(key);
    }
    return result;
  }

  static Dataset* data_;
};

Dataset* SeedDistribution::data_ = nullptr;

// Ordinary age in whole years on `on`, from two "YYYY-MM-DD" strings (the lexicographic
// compare of "MM-DD" is the calendar order).
int ageOn(const std::string& birth, const std::string& on) {
  const int years = std::stoi(on.substr(0, 4)) - std::stoi(birth.substr(0, 4));
  return on.substr(5) < birth.substr(5) ? years - 1 : years;
}

TEST_F(SeedDistribution, EveryRequestKindAndStatusOccurs) {
  EXPECT_EQ(keys(tally(App::kCases, "依頼区分")),
            (std::set<std::string>{"特別調整", "一般調整", "相談支援（出所者等）",
                                   "相談支援（被疑者等）", "被疑者等支援"}));
  EXPECT_EQ(keys(tally(App::kCases, "現在の状況")),
            (std::set<std::string>{"コーディネート", "フォローアップ", "相談支援", "支援終了"}));
  // 特別調整 is the largest line (generator weight 35 of 100): 25%..45% of 2000.
  const int special = tally(App::kCases, "依頼区分")["特別調整"];
  EXPECT_GT(special, 500);
  EXPECT_LT(special, 900);
}

TEST_F(SeedDistribution, AgesIncludeElderlyAndAllAreAdults) {
  int elderly = 0;
  int over75 = 0;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    const int age = ageOn(text(record, "生年月日"), text(record, "依頼日"));
    ASSERT_GE(age, 18) << json;
    ASSERT_LE(age, 100) << json;
    elderly += age >= 65 ? 1 : 0;
    over75 += age >= 75 ? 1 : 0;
  }
  // Generator intent: about half aged 65+, about a fifth 75+.
  EXPECT_GT(elderly, 700);
  EXPECT_LT(elderly, 1300);
  EXPECT_GT(over75, 250);
}

TEST_F(SeedDistribution, SomeBirthdaysFallOnTwentyNinthFebruary) {
  int leapDay = 0;
  for (const auto& json : data_->of(App::kCases)) {
    leapDay += text(parseJson(json), "生年月日").substr(5) == "02-29" ? 1 : 0;
  }
  // About 1.5% by design plus chance hits (1/1461): expect roughly 30, accept 10..80.
  EXPECT_GE(leapDay, 10);
  EXPECT_LE(leapDay, 80);
}

TEST_F(SeedDistribution, EveryCaseIsElderlyOrDisabled) {
  // domain.md §1.2 condition 1 applies to all lines: elderly, or a (suspected) disability.
  int dementia = 0;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    bool disabled = false;
    for (const char* code : {"身体障害", "知的障害", "精神障害", "発達障害"}) {
      disabled = disabled || text(record, code) != "無";
    }
    const int age = ageOn(text(record, "生年月日"), text(record, "依頼日"));
    EXPECT_TRUE(disabled || age >= 65) << text(record, "ケース番号");
    dementia += text(record, "認知症") == "有" ? 1 : 0;
  }
  EXPECT_GT(dementia, 20);
}

TEST_F(SeedDistribution, RequestDatesSpanSixFiscalYearsAndRespectFy2021) {
  // Base date 2026-03-31 (FY2025): FY2020..FY2025, i.e. 2020-04-01 .. 2026-03-30.
  // 被疑者等支援業務 began in FY2021 (domain.md §1.1).
  std::set<std::string> fiscalYears;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    const std::string request = text(record, "依頼日");
    ASSERT_GE(request, "2020-04-01");
    ASSERT_LE(request, "2026-03-30");
    const std::string kind = text(record, "依頼区分");
    if (kind == "被疑者等支援" || kind == "相談支援（被疑者等）") {
      EXPECT_GE(request, "2021-04-01") << text(record, "ケース番号");
    }
    const int year = std::stoi(request.substr(0, 4));
    fiscalYears.insert(std::to_string(request.substr(5) < "04-01" ? year - 1 : year));
  }
  EXPECT_EQ(fiscalYears, (std::set<std::string>{"2020", "2021", "2022", "2023", "2024", "2025"}));
}

TEST_F(SeedDistribution, ReleaseDatesAgreeWithParole) {
  // domain.md §1.5: on parole 刑期終了日 >= 釈放日; at the end of the term they are equal.
  int paroles = 0;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    const std::string released = text(record, "釈放日");
    if (released.empty() ||
        (text(record, "釈放事由") != "満期" && text(record, "釈放事由") != "仮釈放") ||
        text(record, "刑期終了日").empty()) {
      continue;
    }
    if (text(record, "仮釈放") == "有") {
      ++paroles;
      EXPECT_GT(text(record, "刑期終了日"), released);
      EXPECT_EQ(text(record, "仮釈放日"), released);
    } else {
      EXPECT_EQ(text(record, "刑期終了日"), released);
    }
  }
  EXPECT_GT(paroles, 20);
}

TEST_F(SeedDistribution, FollowUpsHaveTransferHistories) {
  int multiMove = 0;
  int withTransfers = 0;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    if (!record.HasMember("移行先")) {
      continue;
    }
    const auto& rows = record["移行先"]["value"];
    ++withTransfers;
    multiMove += rows.Size() >= 2 ? 1 : 0;
    // Rows are in date order and start on the follow-up start date.
    EXPECT_EQ(text(rows[0]["value"], "移行日"), text(record, "フォローアップ開始日"));
    for (rapidjson::SizeType r = 1; r < rows.Size(); ++r) {
      EXPECT_GT(text(rows[r]["value"], "移行日"), text(rows[r - 1]["value"], "移行日"));
    }
  }
  EXPECT_GT(withTransfers, 400);
  EXPECT_GT(multiMove, 100);
}

TEST_F(SeedDistribution, OtherPrefectureCasesGoBothWays) {
  const auto counts = tally(App::kCases, "他県依頼受託状況");
  EXPECT_GT(counts.at("他県へ依頼"), 50);
  EXPECT_GT(counts.at("他県から受託"), 30);
  int twoCentres = 0;
  for (const auto& json : data_->of(App::kCases)) {
    const auto record = parseJson(json);
    const auto& involved = record["関与センター"]["value"];
    if (involved.Size() == 2) {
      ++twoCentres;
      EXPECT_STRNE(involved[0].GetString(), involved[1].GetString());
    }
  }
  EXPECT_EQ(twoCentres, counts.at("他県へ依頼") + counts.at("他県から受託"));
}

TEST_F(SeedDistribution, SupportRecordsUseEveryCategory) {
  EXPECT_EQ(keys(tally(App::kSupportRecords, "区分1")),
            (std::set<std::string>{"支援記録", "面談記録", "電話調整連絡"}));
  EXPECT_EQ(
      keys(tally(App::kSupportRecords, "区分2")),
      (std::set<std::string>{"重要な情報", "通常の記録", "取得情報", "移行情報", "終了情報"}));
  // 2..10 routine records per case plus event records: between 3 and 20 per case on average.
  EXPECT_GT(data_->of(App::kSupportRecords).size(), 3u * 2000u);
  EXPECT_LT(data_->of(App::kSupportRecords).size(), 20u * 2000u);
}

TEST_F(SeedDistribution, TasksAndSharesCoverEveryKindAndState) {
  EXPECT_EQ(keys(tally(App::kTasks, "タスク状況")),
            (std::set<std::string>{"未着手", "対応中", "完了"}));
  EXPECT_EQ(keys(tally(App::kTasks, "業務区分")),
            (std::set<std::string>{"共通", "コーディネート", "フォローアップ", "被疑者等支援",
                                   "相談支援"}));
  EXPECT_EQ(keys(tally(App::kTasks, "タスク")).size(), 9u);  // all standard tasks (BRIEF §3)
  EXPECT_EQ(keys(tally(App::kShares, "共有種別")),
            (std::set<std::string>{"事前共有", "支援業務協力依頼", "結果通知"}));
  EXPECT_EQ(keys(tally(App::kShares, "共有状況")),
            (std::set<std::string>{"下書き", "送信", "受領確認", "受諾", "辞退", "終了"}));
}

TEST_F(SeedDistribution, SentSharesAreConfirmedAndGoToAnotherCentre) {
  for (const auto& json : data_->of(App::kShares)) {
    const auto record = parseJson(json);
    EXPECT_NE(text(record, "送信元センター"), text(record, "送信先センター"));
    if (text(record, "共有状況") != "下書き") {
      EXPECT_EQ(record["送信先確認"]["value"].Size(), 1u) << json;
      EXPECT_FALSE(text(record, "送信日時").empty());
    }
  }
}

TEST_F(SeedDistribution, CasesAreSpreadOverAllCentres) {
  const auto counts = tally(App::kCases, "管理センター");
  EXPECT_EQ(counts.size(), 48u);
  for (const auto& [centre, count] : counts) {
    EXPECT_GT(count, 15) << centre;  // uniform: about 42 each
  }
}

}  // namespace
}  // namespace teichaku::seed
