#include "mapping/schema_adapters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace teichaku::mapping {
namespace {

rapidjson::Document parseJson(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  return d;
}

constexpr const char* kMapping = R"(format = 1
[apps.cases.fields]
name = { code = "氏名", personal = true, clear = false }
status = { code = "現在の状況", personal = false, clear = true }
transfer_date = { table = "移行先", code = "移行日", personal = false, clear = true }
)";

// Shape of GET /k/v1/app/form/fields.json (kintone-api.md §3.3).
constexpr const char* kForm = R"({"properties":{
  "氏名":{"type":"SINGLE_LINE_TEXT","code":"氏名"},
  "現在の状況":{"type":"DROP_DOWN","code":"現在の状況","options":{"支援中":{"label":"支援中","index":"0"},"終結":{"label":"終結","index":"1"}}},
  "メモ":{"type":"MULTI_LINE_TEXT","code":"メモ"},
  "移行先":{"type":"SUBTABLE","code":"移行先","fields":{"移行日":{"type":"DATE","code":"移行日"}}}
},"revision":"3"})";

TEST(SchemaAdaptersTest, FormSchemaResolvesCodesWithTypesTablesAndOptions) {
  auto form = parseJson(kForm);
  auto schema = formSchema(form);
  auto status = schema.resolve("現在の状況");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->type, query::FieldType::kDropDown);
  EXPECT_EQ(status->options, (std::vector<std::string>{"支援中", "終結"}));
  auto date = schema.resolve("移行日");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->type, query::FieldType::kDate);
  EXPECT_EQ(date->subtableCode, "移行先");
  EXPECT_TRUE(schema.resolve("メモ"));
}

TEST(SchemaAdaptersTest, OnlyMappedHidesFieldsTheMirrorDoesNotKeep) {
  auto form = parseJson(kForm);
  Mapping m = parseMapping(kMapping, "m.toml");
  auto schema = formSchema(form, m.app("cases"));
  EXPECT_FALSE(schema.resolve("メモ"));
  EXPECT_TRUE(schema.resolve("氏名"));
}

TEST(SchemaAdaptersTest, DomainSchemaResolvesDomainNamesToCodes) {
  auto form = parseJson(kForm);
  Mapping m = parseMapping(kMapping, "m.toml");
  auto codes = formSchema(form);
  DomainSchema schema(*m.app("cases"), codes);
  auto status = schema.resolve("status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->code, "現在の状況");
  EXPECT_FALSE(schema.resolve("現在の状況"));  // codes are not domain names
  auto parsed = query::parse("status in (\"終結\")", schema);
  ASSERT_TRUE(parsed.ok()) << parsed.error.message;
}

TEST(SchemaAdaptersTest, CheckAgainstSchemaNamesMappingLineAndApp) {
  Mapping m = parseMapping(kMapping, "m.toml");
  auto fits = parseJson(kForm);
  EXPECT_TRUE(checkAgainstSchema(m, *m.app("cases"), fits).empty());

  auto renamed = parseJson(R"({"properties":{
    "氏名":{"type":"SINGLE_LINE_TEXT"},
    "移行日":{"type":"DATE"}}})");
  auto errors = checkAgainstSchema(m, *m.app("cases"), renamed);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].format(),
            "m.toml:4:10: キー 'apps.cases.fields.status': アプリ 'cases' "
            "のフォームにフィールドコード '現在の状況' がありません。");
  EXPECT_EQ(errors[1].line, 5);
  EXPECT_NE(errors[1].message.find("テーブルの外"), std::string::npos);
  EXPECT_NE(errors[2].message.find("'移行先'"), std::string::npos);
}

TEST(SchemaAdaptersTest, ShippedMappingFitsTheSampleApps) {
  Mapping m = loadMapping("mappings/raito-plus.toml");
  for (const auto& [key, app] : m.apps) {
    std::ifstream in("samples/apps/" + key + ".json");
    ASSERT_TRUE(in) << key;
    std::stringstream text;
    text << in.rdbuf();
    auto form = parseJson(text.str());
    auto errors = checkAgainstSchema(m, app, form);
    EXPECT_TRUE(errors.empty()) << key << ": " << (errors.empty() ? "" : errors[0].format());
  }
}

}  // namespace
}  // namespace teichaku::mapping
