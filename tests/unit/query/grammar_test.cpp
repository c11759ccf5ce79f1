// Grammar and error reporting. Error codes and texts: kintone-api.md §2, §5.1, §5.2, §6
// (OBS:emu-query, DOC:query).
#include <gtest/gtest.h>

#include <string>

#include "query/query.h"
#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

using Kind = Condition::Kind;

TEST_F(QueryTest, EmptyQueryHasNoConditionAndDefaults) {
  const Query query = parseOk("");
  EXPECT_FALSE(query.condition.has_value());
  EXPECT_TRUE(query.orderBy.empty());
  EXPECT_EQ(query.effectiveLimit(), 100);
  EXPECT_EQ(query.effectiveOffset(), 0);
  EXPECT_EQ(ids(""), (Ids{1, 2, 3, 4}));
}

TEST_F(QueryTest, AndBindsTighterThanOr) {
  const Query query = parseOk("年齢 = 1 or 年齢 = 2 and 年齢 = 3");
  ASSERT_TRUE(query.condition);
  ASSERT_EQ(query.condition->kind, Kind::kOr);
  ASSERT_EQ(query.condition->children.size(), 2u);
  EXPECT_EQ(query.condition->children[0].kind, Kind::kPredicate);
  EXPECT_EQ(query.condition->children[1].kind, Kind::kAnd);
  // Record 1 has 年齢 45, 性別 男性; record 3 has 年齢 100, 性別 男性.
  EXPECT_EQ(ids("年齢 = 45 or 年齢 = 100 and 性別 in (\"女性\")"), (Ids{1}));
  EXPECT_EQ(ids("(年齢 = 45 or 年齢 = 100) and 性別 in (\"男性\")"), (Ids{1, 3}));
}

TEST_F(QueryTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(ids("年齢 > 10 AND 年齢 < 50 ORDER BY 年齢 ASC LIMIT 5"), (Ids{1}));
}

TEST_F(QueryTest, WhitespaceIncludesFullWidthSpaceAndNewlines) {
  // U+3000, tab, CR/LF between tokens are whitespace (OBS:emu-query).
  EXPECT_EQ(ids("年齢\u3000>\t10\r\nand\n年齢 <= 45"), (Ids{1}));
  // No whitespace at all around operators.
  EXPECT_EQ(ids("年齢>=100"), (Ids{3}));
}

TEST_F(QueryTest, StringEscapes) {
  const Query query = parseOk(R"(氏名 = "a\"b\\c\td")");
  ASSERT_TRUE(query.condition);
  EXPECT_EQ(query.condition->predicate.operands.at(0).text, "a\"b\\c\td");
}

TEST_F(QueryTest, RawControlCharacterInLiteralIsSyntaxError) {
  const ParseError error = parseFail("氏名 = \"a\tb\"");
  EXPECT_EQ(error.code, "CB_VA01");
  EXPECT_EQ(error.message, "クエリ記法が間違っています。");
  EXPECT_EQ(error.offset, 11u);  // "氏名" is 6 bytes, then ` = "a` (5) -> the tab is byte 11
}

TEST_F(QueryTest, SyntaxErrors) {
  for (const char* text :
       {"氏名 = 'single'", "氏名 =", "(年齢 = 1", "年齢 = 1)", "年齢 = 1 and", "年齢 ! 1",
        "氏名 = \"open", "年齢 in ()", "年齢 in (1,)", "年齢 in 1", "氏名 like 1", "年齢 = 1 limit",
        "年齢 = 1 order 年齢 asc", "年齢 is 1", "年齢 = 1 年齢 = 2", "年齢 = UNKNOWN_FN()",
        "年齢 = abc", "年齢 = 1 limit 1.5", "年齢 = 1 limit 5 limit 6"}) {
    const ParseError error = parseFail(text);
    EXPECT_EQ(error.code, "CB_VA01") << text;
  }
}

TEST_F(QueryTest, NestingDepthIsBounded) {
  // Parentheses nest at most 64 deep so hostile input cannot exhaust the stack.
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '(') + "年齢 = 9" +
           std::string(static_cast<std::size_t>(depth), ')');
  };
  EXPECT_EQ(ids(nested(64)), (Ids{2}));
  EXPECT_EQ(parseFail(nested(65)).code, "CB_VA01");
}

TEST_F(QueryTest, UnknownFieldIsIq11WithName) {
  const ParseError error = parseFail("年齢 = 1 and 存在しない = \"x\"");
  EXPECT_EQ(error.code, "GAIA_IQ11");
  EXPECT_EQ(error.message, "指定されたフィールド（存在しない）が見つかりません。");
  EXPECT_EQ(error.offset, 15u);  // "年齢 = 1 and " is 6 + 9 bytes
}

TEST_F(QueryTest, OperatorNotAllowedIsIq03) {
  // DOC:query per-type table; message format OBS:emu-query.
  const ParseError dropDown = parseFail("依頼区分 = \"特別調整\"");
  EXPECT_EQ(dropDown.code, "GAIA_IQ03");
  EXPECT_EQ(dropDown.message, "依頼区分フィールドのフィールドタイプには演算子=を使用できません。");
  EXPECT_EQ(parseFail("備考 = \"x\"").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("氏名 is empty").message,
            "氏名フィールドのフィールドタイプには演算子isを使用できません。");
  EXPECT_EQ(parseFail("年齢 like \"1\"").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("作成者 = \"sato\"").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("依頼日 in (\"2024-04-01\")").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("カテゴリー in (\"要注意\")").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("ステータス like \"完\"").code, "GAIA_IQ03");
}

TEST_F(QueryTest, UnknownOptionIsIq10BeforeOperatorCheck) {
  const ParseError error = parseFail("依頼区分 = \"存在しない区分\"");
  EXPECT_EQ(error.code, "GAIA_IQ10");
  EXPECT_EQ(error.message, "フィールド「依頼区分」の項目に「存在しない区分」は存在しません。");
  EXPECT_EQ(parseFail("障害 in (\"身体\", \"視覚\")").code, "GAIA_IQ10");
  // "" is always allowed for choice fields (no selection).
  parseOk("依頼区分 in (\"\")");
}

TEST_F(QueryTest, SubtableEqualityIsIq07) {
  EXPECT_EQ(parseFail("内容 = \"訪問\"").code, "GAIA_IQ07");
  EXPECT_EQ(parseFail("記録日 != \"2024-03-01\"").code, "GAIA_IQ07");
  EXPECT_EQ(parseFail("支援記録.内容 in (\"訪問\")").code, "GAIA_IR02");
}

TEST_F(QueryTest, LimitAndOffsetBounds) {
  const Query query = parseOk("order by 年齢 desc limit 500 offset 10000");
  EXPECT_EQ(query.limit, 500);
  EXPECT_EQ(query.offset, 10000);
  EXPECT_EQ(parseOk("limit 0").effectiveLimit(), 0);

  const ParseError limit = parseFail("limit 501");
  EXPECT_EQ(limit.code, "GAIA_QU01");
  EXPECT_EQ(limit.message, "limit には 500 以下の値を指定してください。");
  const ParseError offset = parseFail("limit 1 offset 10001");
  EXPECT_EQ(offset.code, "GAIA_QU02");
  EXPECT_EQ(offset.message, "offset には 10,000 以下の値を指定してください。");
  EXPECT_EQ(parseFail("limit -1").code, "CB_VA01");
  EXPECT_EQ(parseFail("offset -1").code, "CB_VA01");
}

TEST_F(QueryTest, ParseOptionsRestrictClauses) {
  ParseOptions conditionOnly;
  conditionOnly.allowOrderBy = false;
  conditionOnly.allowLimitOffset = false;
  EXPECT_EQ(parseFail("年齢 > 1 order by 年齢 asc", conditionOnly).code, "CB_VA01");
  EXPECT_EQ(parseFail("年齢 > 1 limit 10", conditionOnly).code, "CB_VA01");
  ParseOptions cursor;
  cursor.allowLimitOffset = false;
  EXPECT_TRUE(parse("年齢 > 1 order by 年齢 asc", schema_, cursor).ok());
}

TEST_F(QueryTest, OrderByKeysAndUnsortableFields) {
  const Query query = parseOk("order by 依頼日 desc, $id asc, 氏名");
  ASSERT_EQ(query.orderBy.size(), 3u);
  EXPECT_EQ(query.orderBy[0].field.code, "依頼日");
  EXPECT_TRUE(query.orderBy[0].descending);
  EXPECT_EQ(query.orderBy[1].field.type, FieldType::kId);
  EXPECT_FALSE(query.orderBy[1].descending);
  EXPECT_FALSE(query.orderBy[2].descending);
  EXPECT_EQ(parseFail("order by 記録日 asc").code, "CB_VA01");  // table field
  EXPECT_EQ(parseFail("order by 障害 asc").code, "CB_VA01");
  EXPECT_EQ(parseFail("order by 不明 asc").code, "GAIA_IQ11");
}

TEST_F(QueryTest, FunctionArgumentErrors) {
  EXPECT_EQ(parseFail("依頼日 = FROM_TODAY(1)").code, "GAIA_IL08");
  EXPECT_EQ(parseFail("依頼日 = TODAY(1)").code, "GAIA_IL08");
  const ParseError unit = parseFail("依頼日 = FROM_TODAY(1, HOURS)");
  EXPECT_EQ(unit.code, "GAIA_IQ25");
  EXPECT_EQ(unit.message,
            "FROM_TODAY()の第2引数には、「DAYS」「WEEKS」「MONTHS」「YEARS」のいずれかを指定しま"
            "す。");
  const ParseError day = parseFail("依頼日 = THIS_MONTH(32)");
  EXPECT_EQ(day.code, "GAIA_IQ23");
  EXPECT_EQ(day.message, "指定した日にち（32）は無効です。1から31までの整数で指定します。");
  EXPECT_EQ(parseFail("依頼日 = THIS_MONTH(0)").code, "GAIA_IQ23");
  EXPECT_EQ(parseFail("依頼日 = THIS_WEEK(HOLIDAY)").code, "CB_VA01");
  // Functions the field type does not take.
  EXPECT_EQ(parseFail("依頼日 = NOW()").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("担当者 in (PRIMARY_ORGANIZATION())").code, "GAIA_IQ03");
  EXPECT_EQ(parseFail("年齢 = TODAY()").code, "GAIA_IQ03");
}

TEST_F(QueryTest, LiteralsMustFitTheFieldType) {
  EXPECT_EQ(parseFail("依頼日 = \"2024-02-30\"").code, "CB_VA01");
  EXPECT_EQ(parseFail("依頼日 = 20240401").code, "CB_VA01");
  EXPECT_EQ(parseFail("面談時刻 = \"25:00\"").code, "CB_VA01");
  EXPECT_EQ(parseFail("面談日時 > \"2024-04-01T10:00:00+0900\"").code, "CB_VA01");
  EXPECT_EQ(parseFail("年齢 = \"十\"").code, "CB_VA01");
}

TEST_F(QueryTest, ReferencedFieldsInFirstAppearanceOrder) {
  const Query query = parseOk(
      "年齢 > 1 and (氏名 like \"山\" or 年齢 < 9) and 内容 in (\"訪問\") order by 依頼日 asc, "
      "年齢 "
      "desc");
  const std::vector<FieldRef> fields = referencedFields(query);
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].code, "年齢");
  EXPECT_EQ(fields[1].code, "氏名");
  EXPECT_EQ(fields[2].code, "内容");
  EXPECT_EQ(fields[2].subtableCode, "支援記録");
  EXPECT_EQ(fields[3].code, "依頼日");
}

TEST(QueryFieldType, RoundTripsKintoneTypeStrings) {
  EXPECT_EQ(fieldTypeFromString("SINGLE_LINE_TEXT"), FieldType::kSingleLineText);
  EXPECT_EQ(fieldTypeFromString("__ID__"), FieldType::kId);
  EXPECT_EQ(fieldTypeFromString("STATUS_ASSIGNEE"), FieldType::kStatusAssignee);
  EXPECT_EQ(fieldTypeFromString("single_line_text"), std::nullopt);
  EXPECT_EQ(toString(FieldType::kOrganizationSelect), "ORGANIZATION_SELECT");
  EXPECT_EQ(toString(FieldType::kRevision), "__REVISION__");
}

// Domain names resolve to deployment codes (statistics use this).
TEST(QueryDomainSchema, NamesMapToCodes) {
  MapSchema schema;
  schema.add("age", FieldRef{"年齢", FieldType::kNumber, {}, {}});
  const ParseResult result = parse("age >= 65", schema);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.query->condition->predicate.field.code, "年齢");
  rapidjson::Document record;
  record.Parse(R"({"年齢":{"type":"NUMBER","value":"70"}})");
  EXPECT_TRUE(matches(*result.query, record, EvalContext{}));
  EXPECT_EQ(parse("年齢 >= 65", schema).error.code, "GAIA_IQ11");
}

}  // namespace
}  // namespace teichaku::query::testing
