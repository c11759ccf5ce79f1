#include "seed/schema_validator.h"

#include <gtest/gtest.h>

#include "seed/generator.h"
#include "test_support.h"

namespace teichaku::seed {
namespace {

AppSchema schemaOf(App app) {
  return AppSchema::load(testing::sourcePath("samples/apps/" + std::string(appKey(app)) + ".json"));
}

TEST(SeedSchema, EveryGeneratedRecordFitsItsAppDefinition) {
  SeedOptions options;
  options.cases = 800;
  options.seed = 99;
  options.canary = "検査用 カナリア";
  const Dataset data = generate(options);
  for (App app : kAllApps) {
    const AppSchema schema = schemaOf(app);
    ASSERT_FALSE(data.of(app).empty()) << appKey(app);
    for (const auto& json : data.of(app)) {
      const auto problems = schema.validate(json);
      ASSERT_TRUE(problems.empty()) << appKey(app) << ": " << problems.front() << "\n" << json;
    }
  }
}

// A small hand-written app, so each rule is tested against a known definition.
constexpr std::string_view kApp = R"({"properties":{
  "番号":{"type":"SINGLE_LINE_TEXT","code":"番号","required":true},
  "区分":{"type":"DROP_DOWN","code":"区分","options":{"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}}},
  "選択":{"type":"CHECK_BOX","code":"選択","options":{"X":{"label":"X","index":"0"}}},
  "件数":{"type":"NUMBER","code":"件数"},
  "日付":{"type":"DATE","code":"日付"},
  "日時":{"type":"DATETIME","code":"日時"},
  "担当":{"type":"USER_SELECT","code":"担当","required":true},
  "番号検索":{"type":"SINGLE_LINE_TEXT","code":"番号検索","lookup":{"relatedApp":{"code":"cases"},
      "relatedKeyField":"ケース番号","fieldMappings":[{"field":"写し","relatedField":"氏名"}]}},
  "写し":{"type":"SINGLE_LINE_TEXT","code":"写し"},
  "表":{"type":"SUBTABLE","code":"表","fields":{
      "行日付":{"type":"DATE","code":"行日付","required":true}}},
  "番":{"type":"RECORD_NUMBER","code":"番"}
}})";

std::vector<std::string> check(std::string_view record) {
  return AppSchema::parse(kApp).validate(record);
}

constexpr std::string_view kValid =
    R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u1"}]},"区分":{"value":"B"},)"
    R"("選択":{"value":["X"]},"件数":{"value":"-1.5e3"},"日付":{"value":"2024-02-29"},)"
    R"("日時":{"value":"2024-02-29T23:05:00Z"},"番号検索":{"value":"C-1"},)"
    R"("表":{"value":[{"value":{"行日付":{"value":"2024-01-01"}}}]}})";

TEST(SeedSchema, AcceptsAValidRecord) {
  EXPECT_TRUE(check(kValid).empty());
}

struct BadCase {
  const char* name;
  std::string_view record;
  const char* expectedField;
};

TEST(SeedSchema, RejectsEachKindOfMistakeNamingTheField) {
  const BadCase cases[] = {
      {"unknown field",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"無い":{"value":"x"}})", "無い"},
      {"missing required", R"({"担当":{"value":[{"code":"u"}]}})", "番号"},
      {"empty required user", R"({"番号":{"value":"1"},"担当":{"value":[]}})", "担当"},
      {"unknown option",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"区分":{"value":"C"}})", "区分"},
      {"unknown check box",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"選択":{"value":["X","Y"]}})",
       "選択"},
      {"not a number",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"件数":{"value":"12a"}})", "件数"},
      {"impossible date",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"日付":{"value":"2023-02-29"}})",
       "日付"},
      {"datetime without zone",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"日時":{"value":"2024-01-01T10:00"}})",
       "日時"},
      {"lookup copy written",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"写し":{"value":"x"}})", "写し"},
      {"missing value wrapper", R"({"番号":"1","担当":{"value":[{"code":"u"}]}})", "番号"},
      {"row missing required",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"表":{"value":[{"value":{}}]}})",
       "表[0].行日付"},
      {"system field written",
       R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"番":{"value":"1"}})", "番"},
  };
  for (const auto& bad : cases) {
    const auto problems = check(bad.record);
    ASSERT_EQ(problems.size(), 1u) << bad.name;
    EXPECT_NE(problems[0].find(std::string("「") + bad.expectedField + "」"), std::string::npos)
        << bad.name << ": " << problems[0];
  }
}

TEST(SeedSchema, NeverEchoesFreeTextValues) {
  // A text value may be a person's name; problems name the field, not the value.
  const auto problems = check(
      R"({"番号":{"value":"1"},"担当":{"value":[{"code":"u"}]},"写し":{"value":"秘密の氏名"}})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].find("秘密の氏名"), std::string::npos);
}

TEST(SeedSchema, LoadNamesTheFileOnError) {
  try {
    AppSchema::load(testing::sourcePath("samples/apps/no-such-app.json"));
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-app.json"), std::string::npos);
  }
  EXPECT_THROW(AppSchema::parse(R"({"properties":{"a":{"code":"a"}}})"), std::runtime_error);
  EXPECT_THROW(AppSchema::parse("{"), std::runtime_error);
}

}  // namespace
}  // namespace teichaku::seed
