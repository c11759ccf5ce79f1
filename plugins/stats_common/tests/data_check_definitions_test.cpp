// Field codes derived from the definitions' queries, the checks file and which checks run.
#include "data_check_definitions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "data_check_fields.h"

namespace teichaku::stats {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using Codes = std::set<std::string>;

const std::string kU3000 = "\xE3\x80\x80";  // IDEOGRAPHIC SPACE

TEST(DataCheckFields, NamesTheLeftHandSidesOnly) {
  EXPECT_EQ(queryFieldCodes(R"(依頼日 >= "{period_start}" and 依頼日 <= "{period_end}")"),
            (Codes{"依頼日"}));
  // Values in quotes (even a field code, or an escaped quote) and list items are not fields.
  EXPECT_EQ(queryFieldCodes(R"(知的障害 in ("有", "精神障害") or 氏名 = "a\" or 身体障害 = 1")"),
            (Codes{"知的障害", "氏名"}));
  // Keywords in any case, functions, numbers, order by and limit.
  EXPECT_EQ(queryFieldCodes("(年齢 >= 65 AND 終了日 < TODAY()) Or 状況 NOT IN (\"x\") order by "
                            "$id desc limit 10"),
            (Codes{"年齢", "終了日", "状況", "$id"}));
  EXPECT_EQ(queryFieldCodes("備考 is not empty" + kU3000 + "and" + kU3000 + "区分 like \"a\""),
            (Codes{"備考", "区分"}));  // U+3000 separates tokens as in kintone
  EXPECT_TRUE(queryFieldCodes("").empty());
}

TEST(DataCheckFields, ShippedNationalDraftReliesOnTheseFields) {
  const Definitions d =
      parseDefinitions(readFile("mappings/statistics/national.toml"), "national.toml");
  // Read off mappings/statistics/national.toml by hand: the period columns, the rows, and the
  // case number and centre fields.
  EXPECT_EQ(reliedOnFields(d), (Codes{"ケース番号", "管理センター", "依頼日", "支援終了日",
                                      "生年月日", "知的障害", "精神障害", "身体障害", "依頼区分"}));
}

TEST(DataCheckDefinitions, ShippedChecksForTheNationalDraft) {
  const CheckSet set = parseChecks(readFile("mappings/statistics/checks.toml"), "checks.toml");
  EXPECT_EQ(set.checks.size(), 15u);
  const Definitions d =
      parseDefinitions(readFile("mappings/statistics/national.toml"), "national.toml");
  std::vector<std::string> ids;
  for (const auto& c : activeChecks(set, reliedOnFields(d))) {
    ids.push_back(c.id);
  }
  // The national draft uses no follow-up field, so the three follow-up checks do not run.
  EXPECT_EQ(ids,
            (std::vector<std::string>{
                "request_date_missing", "request_kind_missing", "centre_missing",
                "birth_date_missing", "intellectual_missing", "mental_missing", "physical_missing",
                "closed_without_end_date", "end_date_but_not_closed", "end_before_request",
                "coordination_end_before_request", "elderly_not_marked"}));
}

TEST(DataCheckDefinitions, FieldsOfACheckInPrintedOrder) {
  CheckDefinition c;
  c.kind = CheckKind::kRequired;
  c.field = "終了理由";
  c.when = R"(終了日 != "" and 状況 in ("終了"))";
  EXPECT_EQ(c.fields(), (std::vector<std::string>{"終了理由", "状況", "終了日"}));
  CheckDefinition age;
  age.kind = CheckKind::kAgeFlag;
  age.birth = "生年月日";
  age.flag = "高齢";
  age.base = "age_base";  // the definitions' date: no field
  EXPECT_EQ(age.fields(), (std::vector<std::string>{"生年月日", "高齢"}));
}

TEST(DataCheckDefinitions, RefusesBadFilesNamingTheLine) {
  const std::string head = "scope = \"\"\n";
  auto message = [](const std::string& text) {
    try {
      parseChecks(text, "checks.toml");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(head).find("[[checks]]"), std::string::npos);
  EXPECT_NE(message(head + "[[checks]]\nid = \"a\"\nlabel = \"x\"\nkind = \"nope\"\n")
                .find("checks.toml:2: kind「nope」"),
            std::string::npos);
  EXPECT_NE(message(head + "[[checks]]\nid = \"a\"\nlabel = \"x\"\nkind = \"required\"\n")
                .find("「field」"),
            std::string::npos);
  EXPECT_NE(message(head + "[[checks]]\nid = \"a\"\nlabel = \"x\"\nkind = \"age_flag\"\n"
                           "birth = \"b\"\nflag = \"f\"\nflag_value = \"v\"\nbase = \"age_base\"\n")
                .find("age"),
            std::string::npos);
  const std::string twice =
      "[[checks]]\nid = \"a\"\nlabel = \"x\"\nkind = \"match\"\nwhen = \"q\"\n";
  EXPECT_NE(message(head + twice + twice).find("重複"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::stats
