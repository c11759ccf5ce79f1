// matchesValue (the predicate on a field's value alone, as statistics decide on clear values)
// must agree with matches() on a record holding that value, for every operator and type.
#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

const rapidjson::Value* valueOf(const rapidjson::Value& record, const std::string& code) {
  auto field = record.FindMember(code.c_str());
  if (field == record.MemberEnd()) {
    return nullptr;
  }
  auto value = field->value.FindMember("value");
  return value == field->value.MemberEnd() ? nullptr : &value->value;
}

TEST_F(QueryTest, MatchesValueAgreesWithMatchesOnTheRecord) {
  const std::vector<std::string> queries = {
      R"(依頼日 = "2024-04-01")",
      R"(依頼日 != "2024-04-01")",
      R"(依頼日 >= "2024-04-01")",
      R"(依頼日 < "2024-04-01")",
      R"(依頼日 <= "2024-03-31")",
      R"(依頼日 > "2024-03-31")",
      R"(依頼日 = "")",
      R"(依頼日 != "")",
      R"(依頼日 = TODAY())",
      R"(依頼日 < FROM_TODAY(-30, DAYS))",
      R"(面談日時 >= "2024-04-01")",
      R"(面談日時 < "2024-04-01T00:30:00+09:00")",
      R"(面談時刻 > "09:00")",
      R"(氏名 = "山田 太郎")",
      R"(氏名 like "山田")",
      R"(氏名 not like "山田")",
      R"(氏名 = "")",
      R"(依頼区分 in ("特別調整", "一般調整"))",
      R"(依頼区分 not in ("特別調整"))",
      R"(性別 in ("女性"))",
      R"(障害 in ("精神"))",
      R"(障害 not in ("知的", "身体"))",
      R"(ステータス = "支援中")",
      R"(ステータス != "終結")",
      R"(年齢 >= 45)",
      R"(年齢 < 45)",
      R"($id = 2)",
      R"($id > 1)",
      R"(レコード番号 = "TK-1")",
      R"(作成日時 < "2024-04-01")",
  };
  const EvalContext context = jstContext();
  int compared = 0;
  for (const auto& text : queries) {
    const Query query = parseOk(text);
    ASSERT_TRUE(query.condition) << text;
    ASSERT_EQ(query.condition->kind, Condition::Kind::kPredicate) << text;
    const Predicate& predicate = query.condition->predicate;
    for (const auto& record : records_.GetArray()) {
      const rapidjson::Value* value = valueOf(record, predicate.field.code);
      EXPECT_EQ(matchesValue(predicate, value, context), matches(query, record, context))
          << text << " on record " << record["$id"]["value"].GetString();
      ++compared;
    }
  }
  EXPECT_EQ(compared, static_cast<int>(queries.size() * records_.Size()));
}

TEST_F(QueryTest, MatchesValueIsFalseForASubtableField) {
  const Query query = parseOk(R"(記録日 >= "2024-03-01")");
  rapidjson::Value date("2024-03-15");
  EXPECT_FALSE(matchesValue(query.condition->predicate, &date, jstContext()));
}

}  // namespace
}  // namespace teichaku::query::testing
