// The shipped checks (mappings/statistics/checks.toml) over a hand-made fixture of 19 support
// episodes, FY2024 = 2024-04-01 … 2025-03-31 (domain.md §4.1), with a test definitions file
// that relies on the follow-up fields as well. Every expected listing below is written by hand
// from the fixture. The fake mirror evaluates queries with the shared parser (bridge/query), as
// the host does, and hands over EVERY field (names, birth dates), so the test also shows that
// no value reaches a file.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "data_check_engine.h"
#include "data_check_fields.h"
#include "data_check_output.h"
#include "query/query.h"

namespace teichaku::stats {
namespace {

const std::string kA = "東京都地域生活定着支援センター";  // code 13 (samples/apps/centres.json)
const std::string kB = "大阪府地域生活定着支援センター";  // code 27
const std::string kCanary = "カナリア花子";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path + " (tests run from the source dir)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Relies on 依頼日, 支援終了日, 生年月日, 知的障害 and the follow-up dates, NOT on 依頼区分 or
// 精神障害 (so their checks must not run).
const char* kDefinitions = R"(
title = "点検テスト"
app = "cases"
case_number_field = "ケース番号"
centre_field = "管理センター"
age_base = "period_end"
[[columns]]
label = "新規"
basis = "実人員"
query = '依頼日 >= "{period_start}" and 依頼日 <= "{period_end}"'
[[columns]]
label = "終結"
basis = "実人員"
query = '支援終了日 >= "{period_start}" and 支援終了日 <= "{period_end}"'
[[rows]]
label = "合計"
query = ""
[[rows]]
label = "高齢"
query = '生年月日 <= "{born_by:65}"'
[[rows]]
label = "知的障害"
query = '知的障害 in ("有")'
[[rows]]
label = "フォローアップ"
query = 'フォローアップ開始日 <= "{period_end}" and (フォローアップ終了日 = "" or フォローアップ終了日 >= "{period_start}")'
)";

using Case = std::map<std::string, std::string>;  // field code -> value

// A clean open coordination at centre A; each fixture case overrides what it needs.
Case clean(const std::string& number, std::map<std::string, std::string> changes = {}) {
  Case c = {{"ケース番号", number},
            {"氏名", "試験 太郎"},
            {"管理センター", kA},
            {"依頼区分", "特別調整"},
            {"依頼日", "2024-05-01"},
            {"生年月日", "1980-01-01"},
            {"知的障害", "無"},
            {"精神障害", "無"},
            {"身体障害", "無"},
            {"現在の状況", "コーディネート"},
            {"支援終了日", ""},
            {"コーディネート終了日", ""},
            {"フォローアップ開始日", ""},
            {"フォローアップ終了日", ""},
            {"フォローアップ終了理由", ""},
            {"高齢", ""}};
  for (auto& [code, value] : changes) {
    c[code] = value;
  }
  return c;
}

std::vector<Case> fixture() {
  return {
      clean("T01"),                              // clean, open
      clean("T02", {{"現在の状況", "支援終了"},  // clean, closed in order
                    {"支援終了日", "2024-09-30"},
                    {"コーディネート終了日", "2024-08-01"}}),
      clean("T03", {{"現在の状況", "フォローアップ"},  // clean follow-up
                    {"コーディネート終了日", "2024-07-01"},
                    {"フォローアップ開始日", "2024-07-01"}}),
      clean("T04", {{"現在の状況", "支援終了"}}),    // closed without an end date
      clean("T05", {{"支援終了日", "2024-10-01"}}),  // end date, status still コーディネート
      clean("T06", {{"氏名", kCanary},               // closed two weeks before its request
                    {"依頼日", "2024-06-01"},
                    {"現在の状況", "支援終了"},
                    {"支援終了日", "2024-05-15"}}),
      clean("T07", {{"現在の状況", "フォローアップ"},  // follow-up, coordination never ended
                    {"フォローアップ開始日", "2024-08-01"}}),
      clean("T08", {{"管理センター", kB},  // follow-up ended without a reason
                    {"現在の状況", "支援終了"},
                    {"支援終了日", "2024-12-01"},
                    {"コーディネート終了日", "2024-06-01"},
                    {"フォローアップ開始日", "2024-06-01"},
                    {"フォローアップ終了日", "2024-12-01"}}),
      clean("T09", {{"管理センター", kB},  // follow-up ended before it started
                    {"現在の状況", "フォローアップ"},
                    {"コーディネート終了日", "2024-09-01"},
                    {"フォローアップ開始日", "2024-09-01"},
                    {"フォローアップ終了日", "2024-08-01"},
                    {"フォローアップ終了理由", "地域生活への定着"}}),
      clean("T10", {{"管理センター", kB},  // coordination ended the day before the request
                    {"依頼日", "2024-06-01"},
                    {"コーディネート終了日", "2024-05-31"}}),
      clean("T11", {{"管理センター", kB}, {"生年月日", "1958-01-01"}}),  // 66, not marked
      clean("T12", {{"管理センター", kB}, {"生年月日", "1958-01-01"}, {"高齢", "高齢"}}),  // marked
      // Legal age on 依頼日 2024-05-01 (domain.md §4.3: gained at the end of the day before
      // the birthday): born 1959-05-03 is 64, born 1959-05-02 is already 65.
      clean("T13", {{"管理センター", kB}, {"生年月日", "1959-05-03"}}),  // 64: clean
      clean("T14", {{"管理センター", kB}, {"生年月日", "1959-05-02"}}),  // 65, not marked
      clean("T15", {{"管理センター", kB}, {"生年月日", ""}}),            // birth date missing
      clean("T16", {{"依頼日", ""}}),  // request date missing: in scope all the same
      clean("T17", {{"依頼区分", ""}, {"精神障害", ""}}),  // missing, but not relied on: clean
      // Out of the period (closed 2023-03-31) although contradictory: not checked for FY2024.
      clean("T18", {{"依頼日", "2022-04-01"}, {"支援終了日", "2023-03-31"}}),
      clean("T19", {{"管理センター", ""}, {"知的障害", ""}}),  // no centre, no 知的障害
  };
}

std::string field(const std::string& code, const char* type, const std::string& value) {
  return "\"" + code + "\":{\"type\":\"" + type + "\",\"value\":\"" + value + "\"}";
}

const std::map<std::string, query::FieldType> kTypes = {
    {"ケース番号", query::FieldType::kSingleLineText},
    {"氏名", query::FieldType::kSingleLineText},
    {"管理センター", query::FieldType::kDropDown},
    {"依頼区分", query::FieldType::kDropDown},
    {"依頼日", query::FieldType::kDate},
    {"生年月日", query::FieldType::kDate},
    {"知的障害", query::FieldType::kRadioButton},
    {"精神障害", query::FieldType::kRadioButton},
    {"身体障害", query::FieldType::kRadioButton},
    {"現在の状況", query::FieldType::kDropDown},
    {"支援終了日", query::FieldType::kDate},
    {"コーディネート終了日", query::FieldType::kDate},
    {"フォローアップ開始日", query::FieldType::kDate},
    {"フォローアップ終了日", query::FieldType::kDate},
    {"フォローアップ終了理由", query::FieldType::kDropDown},
    {"高齢", query::FieldType::kSingleLineText},
};

const char* typeName(query::FieldType type) {
  switch (type) {
    case query::FieldType::kDate:
      return "DATE";
    case query::FieldType::kDropDown:
      return "DROP_DOWN";
    case query::FieldType::kRadioButton:
      return "RADIO_BUTTON";
    default:
      return "SINGLE_LINE_TEXT";
  }
}

// Evaluates each query with the shared parser, as the host does over the mirror.
class FixtureMirror {
 public:
  explicit FixtureMirror(const std::vector<Case>& cases) {
    for (const auto& [code, type] : kTypes) {
      schema_.add(code, type);
    }
    int id = 1;
    for (const auto& c : cases) {
      std::string json = "{" + field("$id", "__ID__", std::to_string(id++));
      for (const auto& [code, value] : c) {
        json += "," + field(code, typeName(kTypes.at(code)), value);
      }
      json += "}";
      auto doc = std::make_unique<rapidjson::Document>();
      doc->Parse(json.c_str());
      records_.emplace_back(std::move(json), std::move(doc));
    }
  }

  RecordQuery query() {
    return [this](const std::string& text, const std::vector<std::string>&,
                  const std::function<void(std::string_view)>& onRecord) {
      queries.push_back(text);
      auto parsed = query::parse(text, schema_);
      if (!parsed.ok()) {
        throw std::runtime_error(parsed.error.code + " " + parsed.error.message + ": " + text);
      }
      query::EvalContext context;
      for (const auto& [json, doc] : records_) {
        if (query::matches(*parsed.query, *doc, context)) {
          onRecord(json);
        }
      }
    };
  }

  std::vector<std::string> queries;

 private:
  query::MapSchema schema_;
  std::vector<std::pair<std::string, std::unique_ptr<rapidjson::Document>>> records_;
};

struct Fixture {
  Definitions definitions = parseDefinitions(kDefinitions, "test.toml");
  CheckSet checks = parseChecks(readFile("mappings/statistics/checks.toml"), "checks.toml");
  CentreDirectory directory =
      CentreDirectory::parse(readFile("samples/apps/centres.json"), "centres.json");
};

std::map<std::string, std::string> runFy2024(FixtureMirror& mirror, const Fixture& f,
                                             std::vector<std::string> centres = {}) {
  CheckRun run;
  run.period = Period{CivilDate{2024, 4, 1}, CivilDate{2025, 3, 31}};
  run.ageBase = ageBaseDate(f.definitions, run.period, CivilDate{2026, 1, 1});
  run.centres = std::move(centres);
  const auto active = activeChecks(f.checks, reliedOnFields(f.definitions));
  const DataCheckResult result = runDataChecks(f.definitions, active, f.checks.scope, run,
                                               mirror.query(), [](std::size_t, std::size_t) {});
  return buildCheckFiles(result, f.directory);
}

const std::string kBom = "\xEF\xBB\xBF";

TEST(DataCheckFixture, ListsEachCentresFindingsByHand) {
  Fixture f;
  FixtureMirror mirror(fixture());
  auto files = runFy2024(mirror, f);
  ASSERT_EQ(files.size(), 4u);  // 13, 27, 未設定 and the summary

  // Centre A (13): T04 closed without a date; T05 an end date while still コーディネート; T06
  // ended before its request; T07 follow-up without coordination end; T16 no request date.
  // T01–T03 are clean, T17 misses only fields no number uses, T18 is outside FY2024.
  EXPECT_EQ(files["データ点検_13.csv"],
            kBom +
                "ケース番号,点検項目,項目名\r\n"
                "T04,現在の状況が支援終了なのに支援終了日が未入力,支援終了日、現在の状況\r\n"
                "T05,支援終了日があるのに現在の状況が支援終了でない,支援終了日、現在の状況\r\n"
                "T06,支援終了日が依頼日より前,依頼日、支援終了日\r\n"
                "T07,フォローアップ中（または開始日あり）なのにコーディネート終了日が未入力,"
                "コーディネート終了日、フォローアップ開始日、現在の状況\r\n"
                "T16,依頼日が未入力,依頼日\r\n");
  // Centre B (27): T08 follow-up ended without a reason; T09 follow-up ended before it began;
  // T10 coordination ended before the request; T11 (66) and T14 (65 by legal age on the day
  // before the 65th birthday) not marked 高齢; T15 no birth date. T12 is marked, T13 is 64.
  EXPECT_EQ(files["データ点検_27.csv"],
            kBom +
                "ケース番号,点検項目,項目名\r\n"
                "T08,フォローアップ終了日があるのに終了理由が未選択,"
                "フォローアップ終了理由、フォローアップ終了日\r\n"
                "T09,フォローアップ終了日がフォローアップ開始日より前,"
                "フォローアップ開始日、フォローアップ終了日\r\n"
                "T10,コーディネート終了日が依頼日より前,依頼日、コーディネート終了日\r\n"
                "T11,依頼日に65歳以上なのに高齢の印がない,生年月日、高齢、依頼日\r\n"
                "T14,依頼日に65歳以上なのに高齢の印がない,生年月日、高齢、依頼日\r\n"
                "T15,生年月日が未入力（高齢の集計に入りません）,生年月日\r\n");
  // T19 has no centre: listed under 未設定, missing both the centre and 知的障害.
  EXPECT_EQ(files["データ点検_未設定.csv"],
            kBom +
                "ケース番号,点検項目,項目名\r\n"
                "T19,管理センターが未入力,管理センター\r\n"
                "T19,知的障害（有・無・疑い）が未選択,知的障害\r\n");
}

TEST(DataCheckFixture, SummaryCountsPerCentreAndCheck) {
  Fixture f;
  FixtureMirror mirror(fixture());
  auto files = runFy2024(mirror, f);
  // The 12 checks that read a field the test definitions rely on, in file order; 依頼区分,
  // 精神障害 and 身体障害 are not among those fields, so their checks are left out.
  const std::string header =
      "センターコード,センター,点検したケース数,指摘件数,依頼日が未入力,管理センターが未入力,"
      "生年月日が未入力（高齢の集計に入りません）,知的障害（有・無・疑い）が未選択,"
      "現在の状況が支援終了なのに支援終了日が未入力,支援終了日があるのに現在の状況が支援終了でない,"
      "フォローアップ終了日があるのに終了理由が未選択,支援終了日が依頼日より前,"
      "コーディネート終了日が依頼日より前,フォローアップ終了日がフォローアップ開始日より前,"
      "フォローアップ中（または開始日あり）なのにコーディネート終了日が未入力,"
      "依頼日に65歳以上なのに高齢の印がない,ファイル\r\n";
  // 13: T01–T07, T16, T17 checked (T18 out of scope) = 9; 27: T08–T15 = 8; 未設定: T19.
  EXPECT_EQ(files["データ点検_一覧.csv"],
            kBom + header + "13," + kA + ",9,5,1,0,0,0,1,1,0,1,0,0,1,0,データ点検_13.csv\r\n" +
                "27," + kB + ",8,6,0,0,1,0,0,0,1,0,1,1,0,2,データ点検_27.csv\r\n" +
                "未設定,未設定,1,2,0,1,0,1,0,0,0,0,0,0,0,0,データ点検_未設定.csv\r\n");
  // One scope query and one per check.
  EXPECT_EQ(mirror.queries.size(), 13u);
}

TEST(DataCheckFixture, NoValueOfARecordReachesAFile) {
  Fixture f;
  FixtureMirror mirror(fixture());
  for (const auto& [name, bytes] : runFy2024(mirror, f)) {
    EXPECT_EQ(bytes.find(kCanary), std::string::npos) << name;  // T06 is listed, its name not
    EXPECT_EQ(bytes.find("試験"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("1958-01-01"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("2024-05-15"), std::string::npos) << name;
  }
}

TEST(DataCheckFixture, CentreFilterKeepsOnlyThatCentre) {
  Fixture f;
  FixtureMirror mirror(fixture());
  auto files = runFy2024(mirror, f, {kB});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.count("データ点検_27.csv"), 1u);
  // Only B's records are asked for, so other centres' records are neither read nor audited.
  for (const auto& q : mirror.queries) {
    EXPECT_NE(q.find("管理センター in (\"" + kB + "\")"), std::string::npos) << q;
  }
}

TEST(DataCheckFixture, WithoutAPeriodEveryCaseIsChecked) {
  Fixture f;
  FixtureMirror mirror(fixture());
  CheckRun run;
  run.ageBase = CivilDate{2026, 1, 1};
  const auto active = activeChecks(f.checks, reliedOnFields(f.definitions));
  const auto result = runDataChecks(f.definitions, active, f.checks.scope, run, mirror.query(),
                                    [](std::size_t, std::size_t) {});
  // T18 (closed 2023-03-31 while still コーディネート) is now listed as well.
  const auto& a = result.centres.at(kA);
  EXPECT_EQ(a.casesChecked.size(), 10u);
  EXPECT_EQ(a.findings.size(), 6u);
  EXPECT_EQ(mirror.queries.front(), "");  // the scope query: every case
}

}  // namespace
}  // namespace teichaku::stats
