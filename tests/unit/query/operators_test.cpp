// Every operator on every field type, against the hand-written fixture records.
// Operator table: DOC:query via kintone-api.md §5.2.
#include <gtest/gtest.h>

#include "query_fixture.h"

namespace teichaku::query::testing {
namespace {

TEST_F(QueryTest, NumberComparesNumericallyNotAsText) {
  EXPECT_EQ(ids("年齢 > 10"), (Ids{1, 3}));
  EXPECT_EQ(ids("年齢 > 50"), (Ids{3}));  // as text "9" > "50" would also match record 2
  EXPECT_EQ(ids("年齢 >= 45"), (Ids{1, 3}));
  EXPECT_EQ(ids("年齢 < 45"), (Ids{2}));
  EXPECT_EQ(ids("年齢 <= 45"), (Ids{1, 2}));
  EXPECT_EQ(ids("年齢 = 9"), (Ids{2}));
  EXPECT_EQ(ids("年齢 = \"9\""), (Ids{2}));
  EXPECT_EQ(ids("年齢 = 9.0"), (Ids{2}));
  EXPECT_EQ(ids("年齢 = -9"), (Ids{}));
}

TEST_F(QueryTest, EmptyNumberDiffersFromEveryValue) {
  EXPECT_EQ(ids("年齢 != 45"), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("年齢 = \"\""), (Ids{4}));
  EXPECT_EQ(ids("年齢 in (\"\")"), (Ids{4}));
}

TEST_F(QueryTest, NumberInLists) {
  EXPECT_EQ(ids("年齢 in (9, 100)"), (Ids{2, 3}));
  EXPECT_EQ(ids("年齢 not in (9, 100)"), (Ids{1, 4}));
}

TEST_F(QueryTest, CalcNumbers) {
  EXPECT_EQ(ids("合計 > 0"), (Ids{1}));
  EXPECT_EQ(ids("合計 < 0"), (Ids{3}));
  EXPECT_EQ(ids("合計 = 1200.5"), (Ids{1}));
  EXPECT_EQ(ids("合計 in (-3)"), (Ids{3}));
}

TEST_F(QueryTest, IdRevisionAndRecordNumber) {
  EXPECT_EQ(ids("$id > 2"), (Ids{3, 4}));
  EXPECT_EQ(ids("$id in (1, 4)"), (Ids{1, 4}));
  EXPECT_EQ(ids("$revision >= 3"), (Ids{1, 3}));
  // RECORD_NUMBER "TK-3": the app code prefix is ignored when comparing (kintone-api.md §4).
  EXPECT_EQ(ids("レコード番号 >= 3"), (Ids{3, 4}));
  EXPECT_EQ(ids("レコード番号 = \"TK-2\""), (Ids{2}));
  EXPECT_EQ(ids("レコード番号 in (1)"), (Ids{1}));
}

TEST_F(QueryTest, TextEqualityIsExactAndCaseSensitive) {
  EXPECT_EQ(ids("氏名 = \"山田 太郎\""), (Ids{1}));
  EXPECT_EQ(ids("氏名 != \"山田 太郎\""), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("氏名 = \"keyword tanaka\""), (Ids{}));
  EXPECT_EQ(ids("氏名 = \"山田\""), (Ids{}));
  EXPECT_EQ(ids("氏名 in (\"佐藤 花子\", \"Keyword Tanaka\")"), (Ids{2, 3}));
  EXPECT_EQ(ids("氏名 not in (\"佐藤 花子\")"), (Ids{1, 3, 4}));
  EXPECT_EQ(ids("氏名 = \"\""), (Ids{4}));
  EXPECT_EQ(ids("リンク = \"\""), (Ids{2, 4}));
  EXPECT_EQ(ids("リンク in (\"http://x.example\")"), (Ids{3}));
}

TEST_F(QueryTest, StatusEqualityAndIn) {
  EXPECT_EQ(ids("ステータス = \"完了\""), (Ids{3}));
  EXPECT_EQ(ids("ステータス != \"完了\""), (Ids{1, 2, 4}));
  EXPECT_EQ(ids("ステータス in (\"未処理\", \"支援中\")"), (Ids{1, 2}));
  EXPECT_EQ(ids("ステータス not in (\"未処理\")"), (Ids{1, 3, 4}));
}

TEST_F(QueryTest, LikeIsSubstringForJapanese) {
  EXPECT_EQ(ids("氏名 like \"山田\""), (Ids{1}));
  EXPECT_EQ(ids("氏名 like \"太\""), (Ids{1}));
  EXPECT_EQ(ids("備考 like \"連絡\""), (Ids{1}));
  EXPECT_EQ(ids("備考 not like \"連絡\""), (Ids{2, 3, 4}));
}

TEST_F(QueryTest, LikeMatchesWholeAsciiWordsCaseInsensitively) {
  // OBS:emu-query: "gamma keyword" like "key" -> no hit; like "keyword" -> hit.
  EXPECT_EQ(ids("本文 like \"key\""), (Ids{}));
  EXPECT_EQ(ids("本文 like \"keyword\""), (Ids{1}));  // record 3 has "keywords"
  EXPECT_EQ(ids("本文 like \"gamma keyword\""), (Ids{1}));
  EXPECT_EQ(ids("氏名 like \"KEYWORD\""), (Ids{3}));
  EXPECT_EQ(ids("備考 like \"keyword\""), (Ids{1}));
  EXPECT_EQ(ids("リンク like \"example\""), (Ids{1, 3}));
  EXPECT_EQ(ids("氏名 not like \"tanaka\""), (Ids{1, 2, 4}));
}

TEST_F(QueryTest, LikeOnFileMatchesFileNames) {
  EXPECT_EQ(ids("添付 like \"計画書\""), (Ids{1}));
  EXPECT_EQ(ids("添付 not like \"計画書\""), (Ids{2, 3, 4}));
}

TEST_F(QueryTest, IsEmptyTreatsWhitespaceOnlyAsEmpty) {
  // DOC:query: a string of only spaces, newlines or tabs is empty.
  EXPECT_EQ(ids("備考 is empty"), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("備考 is not empty"), (Ids{1}));
  EXPECT_EQ(ids("本文 is empty"), (Ids{2, 4}));
  EXPECT_EQ(ids("添付 is empty"), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("添付 is not empty"), (Ids{1}));
}

TEST_F(QueryTest, SingleChoiceIn) {
  EXPECT_EQ(ids("性別 in (\"女性\")"), (Ids{2}));
  EXPECT_EQ(ids("性別 not in (\"女性\")"), (Ids{1, 3, 4}));
  EXPECT_EQ(ids("依頼区分 in (\"特別調整\", \"一般調整\")"), (Ids{1, 3}));
  EXPECT_EQ(ids("依頼区分 not in (\"特別調整\")"), (Ids{2, 3, 4}));
  // in ("") matches "no selection": null and a missing field alike (OBS:emu-query).
  EXPECT_EQ(ids("依頼区分 in (\"\")"), (Ids{2, 4}));
  EXPECT_EQ(ids("依頼区分 in (\"\", \"一般調整\")"), (Ids{2, 3, 4}));
}

TEST_F(QueryTest, MultiChoiceInIsAnyOf) {
  EXPECT_EQ(ids("障害 in (\"精神\", \"知的\")"), (Ids{1, 3}));
  EXPECT_EQ(ids("障害 in (\"身体\")"), (Ids{1}));
  EXPECT_EQ(ids("障害 not in (\"身体\")"), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("障害 in (\"\")"), (Ids{2, 4}));
  EXPECT_EQ(ids("支援機関 in (\"病院\")"), (Ids{3}));
  EXPECT_EQ(ids("支援機関 in (\"福祉事務所\")"), (Ids{1, 3}));
}

TEST_F(QueryTest, UsersByLoginCode) {
  EXPECT_EQ(ids("担当者 in (LOGINUSER())"), (Ids{1}));
  EvalContext suzuki = jstContext();
  suzuki.loginUser = "suzuki";
  EXPECT_EQ(ids("担当者 in (LOGINUSER())", suzuki), (Ids{2}));
  EXPECT_EQ(ids("担当者 in (\"suzuki\", \"nobody\")"), (Ids{2}));
  EXPECT_EQ(ids("担当者 not in (LOGINUSER())"), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("担当者 in (\"\")"), (Ids{3, 4}));
  EXPECT_EQ(ids("作成者 in (LOGINUSER())"), (Ids{1, 3}));
  EXPECT_EQ(ids("作成者 not in (\"sato\")"), (Ids{2, 4}));
  EXPECT_EQ(ids("グループ in (\"staff\")"), (Ids{2}));
  EXPECT_EQ(ids("グループ in (\"\")"), (Ids{1, 3, 4}));
}

TEST_F(QueryTest, PrimaryOrganization) {
  EXPECT_EQ(ids("管理センター in (PRIMARY_ORGANIZATION())"), (Ids{1}));
  EXPECT_EQ(ids("管理センター in (\"osaka\")"), (Ids{2}));
  // DOC:query: without a primary organisation the condition is ignored, the rest applies.
  EvalContext none = jstContext();
  none.primaryOrganization.clear();
  EXPECT_EQ(ids("管理センター in (PRIMARY_ORGANIZATION())", none), (Ids{1, 2, 3, 4}));
  EXPECT_EQ(ids("管理センター in (PRIMARY_ORGANIZATION()) and 年齢 > 10", none), (Ids{1, 3}));
}

TEST_F(QueryTest, DateComparisons) {
  EXPECT_EQ(ids("依頼日 = \"2024-04-01\""), (Ids{1}));
  EXPECT_EQ(ids("依頼日 != \"2024-04-01\""), (Ids{2, 3, 4}));
  EXPECT_EQ(ids("依頼日 > \"2024-04-01\""), (Ids{3}));
  EXPECT_EQ(ids("依頼日 >= \"2024-04-01\""), (Ids{1, 3}));
  EXPECT_EQ(ids("依頼日 < \"2024-04-01\""), (Ids{2}));
  EXPECT_EQ(ids("依頼日 <= \"2024-04-01\""), (Ids{1, 2}));
  EXPECT_EQ(ids("依頼日 = \"\""), (Ids{4}));
  EXPECT_EQ(ids("依頼日 >= \"2024-4-1\""), (Ids{1, 3}));  // lenient form, kintone-api.md §1.5
}

TEST_F(QueryTest, TimeComparisons) {
  EXPECT_EQ(ids("面談時刻 < \"10:00\""), (Ids{1}));
  EXPECT_EQ(ids("面談時刻 >= \"09:30\""), (Ids{1, 2}));
  EXPECT_EQ(ids("面談時刻 = \"14:00\""), (Ids{2}));
}

TEST_F(QueryTest, DateLiteralOnDateTimeMeansTheWholeDayInCallerTimeZone) {
  // 2024-04-01 in JST is [2024-03-31T15:00Z, 2024-04-01T15:00Z).
  EXPECT_EQ(ids("面談日時 = \"2024-04-01\""), (Ids{1, 2}));
  EXPECT_EQ(ids("面談日時 < \"2024-04-01\""), (Ids{}));
  EXPECT_EQ(ids("面談日時 > \"2024-03-31\""), (Ids{1, 2}));
  EXPECT_EQ(ids("作成日時 = \"2024-04-01\""), (Ids{1}));  // record 2 is 23:59 JST on 03-31
  EvalContext utc = jstContext();
  utc.utcOffsetMinutes = 0;
  EXPECT_EQ(ids("面談日時 = \"2024-04-01\"", utc), (Ids{2}));
  EXPECT_EQ(ids("作成日時 = \"2024-03-31\"", utc), (Ids{1, 2}));
}

TEST_F(QueryTest, DateTimeLiteralsWithAndWithoutOffset) {
  EXPECT_EQ(ids("面談日時 >= \"2024-04-01T00:00:00Z\""), (Ids{2}));
  EXPECT_EQ(ids("面談日時 > \"2024-04-01T00:00:00Z\""), (Ids{}));
  EXPECT_EQ(ids("面談日時 = \"2024-04-01T00:30:00+09:00\""), (Ids{1}));
  EXPECT_EQ(ids("面談日時 = \"2024-04-01T09:00\""), (Ids{2}));  // no offset: caller's zone
  EXPECT_EQ(ids("面談日時 != \"2024-04-01T09:00:00+09:00\""), (Ids{1, 3, 4}));
}

}  // namespace
}  // namespace teichaku::query::testing
