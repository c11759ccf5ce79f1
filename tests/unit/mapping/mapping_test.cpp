#include "mapping/mapping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace teichaku::mapping {
namespace {

constexpr const char* kSmall = R"(format = 1

[apps.cases]
app = "cases"

[apps.cases.fields]
name = { code = "氏名", personal = true, clear = false }
request_date = { code = "依頼日", personal = false, clear = true }
transfers = { code = "移行先", personal = true, clear = true }
transfer_date = { table = "移行先", code = "移行日", personal = false, clear = true }
age = { code = "年齢", personal = true, clear = true, derived = true }
)";

TEST(MappingTest, ParsesFieldsWithFlagsAndLines) {
  Mapping m = parseMapping(kSmall, "m.toml");
  const AppMapping* cases = m.app("cases");
  ASSERT_NE(cases, nullptr);
  ASSERT_EQ(cases->fields.size(), 5u);
  const FieldMapping* name = cases->byName("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->code, "氏名");
  EXPECT_TRUE(name->personal);
  EXPECT_FALSE(name->clear);
  EXPECT_EQ(name->line, 7);  // counted by hand in kSmall
  const FieldMapping* date = cases->byCode("移行日");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->name, "transfer_date");
  EXPECT_EQ(date->table, "移行先");
  EXPECT_TRUE(cases->byName("age")->derived);
  EXPECT_EQ(m.app("tasks"), nullptr);
}

TEST(MappingTest, TopLevelCodesNameTablesOnceAndNotInnerFields) {
  Mapping m = parseMapping(kSmall, "m.toml");
  EXPECT_EQ(m.app("cases")->topLevelCodes(),
            (std::vector<std::string>{"氏名", "依頼日", "移行先", "年齢"}));
  auto inner = m.app("cases")->innerFields("移行先");
  ASSERT_EQ(inner.size(), 1u);
  EXPECT_EQ(inner[0]->code, "移行日");
}

TEST(MappingTest, PersonalKeysHoldNamesQualifiedNamesAndCodes) {
  Mapping m = parseMapping(kSmall, "m.toml");
  auto keys = m.personalKeys();
  for (const char* expected : {"name", "cases.name", "氏名", "age", "年齢", "移行先"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), expected), keys.end()) << expected;
  }
  for (const char* notPersonal : {"request_date", "依頼日", "移行日"}) {
    EXPECT_EQ(std::find(keys.begin(), keys.end(), notPersonal), keys.end()) << notPersonal;
  }
}

TEST(MappingTest, ErrorsNameFileLineColumnAndKey) {
  const std::string text =
      "format = 1\n"
      "[apps.cases.fields]\n"
      "name = { code = \"氏名\", personal = \"yes\", clear = false }\n"
      "other = { code = \"氏名\", personal = true, clear = false, colour = 1 }\n";
  try {
    parseMapping(text, "bad.toml");
    FAIL() << "no error";
  } catch (const MappingError& e) {
    const auto& errors = e.errors();
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].format(),
              "bad.toml:3:34: キー 'apps.cases.fields.name.personal': true か false "
              "でなければなりません。");
    EXPECT_EQ(errors[1].keyPath, "apps.cases.fields.other.colour");
    EXPECT_EQ(errors[1].line, 4);
    EXPECT_EQ(errors[2].keyPath, "apps.cases.fields.other.code");
    EXPECT_NE(errors[2].message.find("既に使われています"), std::string::npos);
  }
}

TEST(MappingTest, SealedFilterOnlyOnTopLevelFieldsThatAreNotClear) {
  const std::string text =
      "format = 1\n"
      "[apps.cases]\n"
      "app = \"cases\"\n"
      "[apps.cases.fields]\n"
      "birth = { code = \"生年月日\", personal = true, clear = false, sealed_filter = true }\n"
      "name = { code = \"氏名\", personal = true, clear = false }\n"
      "kana = { code = \"ふりがな\", personal = true, clear = false, sealed_filter = true }\n";
  Mapping m = parseMapping(text, "ok.toml");
  EXPECT_TRUE(m.app("cases")->byName("birth")->sealedFilter);
  EXPECT_FALSE(m.app("cases")->byName("name")->sealedFilter);
  // File order, not the order toml++ keeps keys in.
  EXPECT_EQ(m.app("cases")->sealedFilterCodes(),
            (std::vector<std::string>{"生年月日", "ふりがな"}));

  const std::string bad =
      "format = 1\n"
      "[apps.cases]\n"
      "app = \"cases\"\n"
      "[apps.cases.fields]\n"
      "centre = { code = \"管理センター\", personal = false, clear = true, sealed_filter = true }\n"
      "row = { table = \"移行先\", code = \"移行日\", personal = true, clear = false, "
      "sealed_filter = true }\n"
      "odd = { code = \"x\", personal = true, clear = false, sealed_filter = 1 }\n";
  try {
    parseMapping(bad, "bad.toml");
    FAIL() << "no error";
  } catch (const MappingError& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    auto at = [&](const std::string& key) {
      for (const auto& error : e.errors()) {
        if (error.keyPath == "apps.cases.fields." + key + ".sealed_filter") {
          return error;
        }
      }
      ADD_FAILURE() << "no error for " << key;
      return e.errors().front();
    };
    EXPECT_EQ(at("centre").line, 5);
    EXPECT_NE(at("centre").message.find("clear = true"), std::string::npos);
    EXPECT_EQ(at("row").line, 6);
    EXPECT_NE(at("row").message.find("サブテーブル"), std::string::npos);
    EXPECT_EQ(at("odd").line, 7);
    EXPECT_NE(at("odd").message.find("true か false"), std::string::npos);
  }
}

TEST(MappingTest, SyntaxErrorAndMissingFormat) {
  try {
    parseMapping("format = \n", "s.toml");
    FAIL() << "no error";
  } catch (const MappingError& e) {
    EXPECT_EQ(e.errors().at(0).line, 1);
    EXPECT_EQ(std::string(e.what()).rfind("s.toml:1:", 0), 0u) << e.what();
  }
  EXPECT_THROW(parseMapping("[apps.x.fields]\n", "f.toml"), MappingError);
}

TEST(MappingTest, LoadsTheShippedRaitoPlusMapping) {
  Mapping m = loadMapping("mappings/raito-plus.toml");
  for (const char* app : {"cases", "support_records", "tasks", "shares", "staff", "reports"}) {
    EXPECT_NE(m.app(app), nullptr) << app;
  }
  EXPECT_EQ(m.app("cases")->byName("birth_date")->code, "生年月日");
  EXPECT_FALSE(m.app("cases")->byName("birth_date")->clear);
  EXPECT_THROW(loadMapping("no/such/file.toml"), MappingError);
}

}  // namespace
}  // namespace teichaku::mapping
