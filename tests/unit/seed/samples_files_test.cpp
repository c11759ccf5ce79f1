// The files under samples/ and mappings/ agree with each other and with the generator.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <map>
#include <set>
#include <sstream>

#include "seed/centres.h"
#include "seed/schema_validator.h"
#include "seed/staff.h"
#include "test_support.h"

namespace teichaku::seed {
namespace {

using testing::parseJson;
using testing::readFile;
using testing::sourcePath;

TEST(SeedSamples, CentresJsonHas48UniqueCentresMatchingTheGenerator) {
  const auto document = parseJson(readFile(sourcePath("samples/apps/centres.json")));
  ASSERT_TRUE(document.IsObject());
  const auto& list = document["centres"];
  ASSERT_EQ(list.Size(), 48u);  // one per prefecture, two in Hokkaido (BRIEF.md)
  std::set<std::string> codes;
  std::set<std::string> organizations;
  std::set<std::string> prefectures;
  const auto table = centres();
  ASSERT_EQ(table.size(), 48u);
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const auto& centre = list[i];
    codes.insert(centre["code"].GetString());
    organizations.insert(centre["organization"].GetString());
    prefectures.insert(centre["prefecture"].GetString());
    EXPECT_EQ(table[i].code, centre["code"].GetString());
    EXPECT_EQ(table[i].name, centre["name"].GetString());
    EXPECT_EQ(table[i].prefecture, centre["prefecture"].GetString());
    EXPECT_EQ(table[i].organization, centre["organization"].GetString());
  }
  EXPECT_EQ(codes.size(), 48u);
  EXPECT_EQ(organizations.size(), 48u);
  EXPECT_EQ(prefectures.size(), 47u);
  EXPECT_EQ(codes.count("01a") + codes.count("01b") + codes.count("13") + codes.count("47"), 4u);
}

TEST(SeedSamples, CentreFieldsOfferExactlyThe48Centres) {
  std::set<std::string> names;
  for (const auto& centre : centres()) {
    names.insert(std::string(centre.name));
  }
  const std::map<std::string, std::vector<std::string>> centreFields{
      {"cases", {"管理センター", "関与センター"}},
      {"shares", {"送信元センター", "送信先センター"}},
      {"staff", {"所属センター"}},
      {"reports", {"報告センター"}}};
  for (const auto& [app, codes] : centreFields) {
    const auto schema = AppSchema::load(sourcePath("samples/apps/" + app + ".json"));
    for (const auto& code : codes) {
      EXPECT_EQ(schema.fields().at(code).options, names) << app << "." << code;
    }
  }
}

std::map<std::string, AppSchema> loadApps() {
  const auto apps = toml::parse_file(sourcePath("samples/apps/apps.toml").string());
  std::map<std::string, AppSchema> schemas;
  for (const auto& entry : *apps["apps"].as_array()) {
    const auto& app = *entry.as_table();
    schemas.emplace(
        app["key"].value<std::string>().value(),
        AppSchema::load(sourcePath("samples/apps/" + app["file"].value<std::string>().value())));
  }
  return schemas;
}

TEST(SeedSamples, AppListNamesTheSixAppsAndTheirFiles) {
  const auto schemas = loadApps();
  std::set<std::string> keys;
  for (const auto& [key, schema] : schemas) {
    keys.insert(key);
  }
  EXPECT_EQ(keys, (std::set<std::string>{"cases", "support_records", "tasks", "shares", "staff",
                                         "reports"}));
}

TEST(SeedSamples, LookupsAndKeysAreWhereTheOtherAppsExpectThem) {
  const auto schemas = loadApps();
  const auto document = parseJson(readFile(sourcePath("samples/apps/support_records.json")));
  const auto& lookup = document["properties"]["対象者番号"]["lookup"];
  EXPECT_STREQ(lookup["relatedApp"]["code"].GetString(), "cases");
  const std::string key = lookup["relatedKeyField"].GetString();
  EXPECT_EQ(schemas.at("cases").fields().at(key).type, "SINGLE_LINE_TEXT");
  for (const auto& mapping : lookup["fieldMappings"].GetArray()) {
    EXPECT_TRUE(schemas.at("cases").hasField(mapping["relatedField"].GetString()));
  }
  for (const char* app : {"tasks", "shares"}) {
    EXPECT_TRUE(schemas.at(app).hasField("対象者番号")) << app;
    EXPECT_TRUE(schemas.at(app).hasField("閲覧組織")) << app;
  }
}

TEST(SeedSamples, MappingReferencesOnlyExistingFieldsWithBothFlags) {
  const auto schemas = loadApps();
  const auto mapping = toml::parse_file(sourcePath("mappings/raito-plus.toml").string());
  const auto* apps = mapping["apps"].as_table();
  ASSERT_NE(apps, nullptr);
  std::size_t fields = 0;
  std::set<std::string> mappedCaseCodes;
  for (const auto& [name, node] : *apps) {
    const auto& app = *node.as_table();
    const std::string key = app["app"].value<std::string>().value_or("");
    ASSERT_EQ(schemas.count(key), 1u) << "apps." << name.str() << ".app";
    const auto& schema = schemas.at(key);
    for (const auto& [domainName, entry] : *app["fields"].as_table()) {
      const std::string where = std::string(name.str()) + "." + std::string(domainName.str());
      const auto& field = *entry.as_table();
      for (const auto& [attribute, value] : field) {
        EXPECT_TRUE(attribute == "code" || attribute == "table" || attribute == "personal" ||
                    attribute == "clear" || attribute == "derived" || attribute == "sealed_filter")
            << where << " has unknown attribute " << attribute.str();
      }
      ASSERT_TRUE(field["personal"].is_boolean()) << where;
      ASSERT_TRUE(field["clear"].is_boolean()) << where;
      const std::string code = field["code"].value<std::string>().value_or("");
      if (const auto table = field["table"].value<std::string>()) {
        EXPECT_TRUE(schema.hasSubfield(*table, code)) << where << " → " << *table << "." << code;
      } else {
        EXPECT_TRUE(schema.hasField(code)) << where << " → " << code;
        if (key == "cases") {
          mappedCaseCodes.insert(code);
        }
      }
      ++fields;
    }
  }
  EXPECT_GT(fields, 100u);
  // Every top-level field of the case app has a domain name.
  for (const auto& [code, field] : schemas.at("cases").fields()) {
    EXPECT_EQ(mappedCaseCodes.count(code), 1u) << "cases field without mapping: " << code;
  }
}

TEST(SeedSamples, IdentifyingFieldsAreNeverClear) {
  const auto mapping = toml::parse_file(sourcePath("mappings/raito-plus.toml").string());
  const auto flag = [&](const char* app, const char* name, const char* attribute) {
    return mapping["apps"][app]["fields"][name][attribute].value<bool>();
  };
  for (const char* name : {"name", "name_kana", "birth_date", "offence_1", "life_history"}) {
    EXPECT_EQ(flag("cases", name, "personal"), true) << name;
    EXPECT_EQ(flag("cases", name, "clear"), false) << name;
  }
  EXPECT_EQ(flag("support_records", "text", "clear"), false);
  EXPECT_EQ(flag("cases", "age_at_request", "clear"), true);
  EXPECT_EQ(flag("cases", "request_date", "clear"), true);
}

TEST(SeedSamples, SampleRosterIsTheGeneratedOne) {
  // samples/rosters/staff-roster.csv = teichaku-seed --seed 1 --base-date 2026-03-31.
  const std::string file = readFile(sourcePath("samples/rosters/staff-roster.csv"));
  std::ostringstream expected;
  const Date base{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{31}};
  writeRosterCsv(expected, generateStaff(1, base));
  EXPECT_EQ(file, expected.str());
  ASSERT_GE(file.size(), 3u);
  EXPECT_EQ(file.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 BOM
  std::size_t lines = 0;
  for (char c : file) {
    lines += c == '\n' ? 1 : 0;
  }
  EXPECT_EQ(lines, 1u + 480u);  // header + 10 staff × 48 centres
}

}  // namespace
}  // namespace teichaku::seed
