// Records CRUD, limits, validation, query integration (kintone-api.md §2, §3.1, §4, §5).
#include <string>

#include "emulator_fixture.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorRecordsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
  }
  // Adds `n` records to app 1 with num = 0..n-1, through records.json in chunks of 100.
  void addNumbered(int n) {
    for (int start = 0; start < n; start += 100) {
      std::string body = R"({"app":1,"records":[)";
      for (int i = start; i < std::min(n, start + 100); ++i) {
        body += (i > start ? "," : "") + std::string(R"({"title":{"value":"r"},"num":{"value":")") +
                std::to_string(i) + "\"}}";
      }
      body += "]}";
      auto r = call("POST", "/k/v1/records.json", body);
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }
};

std::string manyRecords(int n) {
  std::string body = R"({"app":1,"records":[)";
  for (int i = 0; i < n; ++i) {
    body += (i > 0 ? "," : "") + std::string(R"({"title":{"value":"x"}})");
  }
  return body + "]}";
}

// §3.1: POST record.json -> ids and revisions as strings; PUT returns only the revision.
TEST_F(EmulatorRecordsTest, AddAndUpdateReturnStringIds) {
  auto add = call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"a"}}})");
  ASSERT_EQ(add.status, 200) << add.body;
  EXPECT_EQ(add.body, R"({"id":"1","revision":"1"})");
  auto put =
      call("PUT", "/k/v1/record.json", R"({"app":1,"id":"1","record":{"title":{"value":"b"}}})");
  EXPECT_EQ(put.body, R"({"revision":"2"})");
  auto get = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(get.str("/record/title/value"), "b");
  EXPECT_EQ(get.str("/record/$revision/value"), "2");
  EXPECT_EQ(get.str("/record/$id/value"), "1");
}

// §2: limit 501 -> GAIA_QU01, offset 10001 -> GAIA_QU02.
TEST_F(EmulatorRecordsTest, LimitAndOffsetCaps) {
  auto limit = call("GET", "/k/v1/records.json?app=1&query=limit%20501");
  EXPECT_EQ(limit.status, 400);
  EXPECT_EQ(limit.code(), "GAIA_QU01");
  auto offset = call("GET", "/k/v1/records.json?app=1&query=offset%2010001");
  EXPECT_EQ(offset.status, 400);
  EXPECT_EQ(offset.code(), "GAIA_QU02");
}

// §2: 101 records in one POST/PUT -> CB_VA01 with errors.records.
TEST_F(EmulatorRecordsTest, HundredRecordCap) {
  auto r = call("POST", "/k/v1/records.json", manyRecords(101));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "CB_VA01");
  EXPECT_EQ(r.str("/errors/records/messages/0"), "一度に100件までのレコードを追加できます。");
  auto ok = call("POST", "/k/v1/records.json", manyRecords(100));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json["ids"].Size(), 100u);
}

// §3.1 + §5.1: default order $id desc, default limit 100, totalCount null unless asked.
TEST_F(EmulatorRecordsTest, DefaultsOfGetRecords) {
  addNumbered(150);
  auto r = call("GET", "/k/v1/records.json?app=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["records"].Size(), 100u);
  EXPECT_EQ(r.str("/records/0/$id/value"), "150");
  EXPECT_EQ(r.str("/records/99/$id/value"), "51");
  EXPECT_EQ(r.str("/totalCount"), "<null>");
  auto counted = call("GET", "/k/v1/records.json?app=1&totalCount=true&query=num%20%3E%3D%20140");
  EXPECT_EQ(counted.str("/totalCount"), "10");
}

// §5 via the shared parser: condition, order by a field, limit/offset.
TEST_F(EmulatorRecordsTest, QueryFiltersSortsAndPages) {
  addNumbered(30);
  // num < 10 order by num desc limit 3 offset 2 -> 7, 6, 5
  auto r = call(
      "GET",
      "/k/v1/"
      "records.json?app=1&query=num%20%3C%2010%20order%20by%20num%20desc%20limit%203%20offset%202");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["records"].Size(), 3u);
  EXPECT_EQ(r.str("/records/0/num/value"), "7");
  EXPECT_EQ(r.str("/records/2/num/value"), "5");
  // id seek as the official client does it (kintone-api.md §8).
  auto seek = call(
      "GET",
      "/k/v1/records.json?app=1&query=%24id%20%3E%2025%20order%20by%20%24id%20asc%20limit%20500");
  ASSERT_EQ(seek.json["records"].Size(), 5u);
  EXPECT_EQ(seek.str("/records/0/$id/value"), "26");
}

// §5.2: syntax error -> CB_VA01 errors.query; unknown field -> GAIA_IQ11.
TEST_F(EmulatorRecordsTest, QueryErrors) {
  auto syntax = call("GET", "/k/v1/records.json?app=1&query=title%20%3D%20%27single%27");
  EXPECT_EQ(syntax.code(), "CB_VA01");
  EXPECT_NE(syntax.str("/errors/query/messages/0"), "<missing>");
  auto unknown = call("GET", "/k/v1/records.json?app=1&query=nosuch%20%3D%20%221%22");
  EXPECT_EQ(unknown.code(), "GAIA_IQ11");
}

// §6.2: stale revision -> 409 GAIA_CO02 and nothing changes; -1 skips the check.
TEST_F(EmulatorRecordsTest, StaleRevisionConflicts) {
  call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"a"}}})");
  call("PUT", "/k/v1/record.json", R"({"app":1,"id":1,"record":{"title":{"value":"b"}}})");
  auto stale = call("PUT", "/k/v1/record.json",
                    R"({"app":1,"id":1,"revision":1,"record":{"title":{"value":"c"}}})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.code(), "GAIA_CO02");
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=1&id=1").str("/record/title/value"), "b");
  auto skip = call("PUT", "/k/v1/record.json",
                   R"({"app":1,"id":1,"revision":-1,"record":{"title":{"value":"d"}}})");
  EXPECT_EQ(skip.body, R"({"revision":"3"})");
}

// §4 validation table: required, unique, options, number, maxValue; atomic bulk add.
TEST_F(EmulatorRecordsTest, FieldValidation) {
  call("POST", "/k/v1/record.json",
       R"({"app":1,"record":{"title":{"value":"a"},"key":{"value":"K"}}})");
  auto r = call("POST", "/k/v1/records.json", R"({"app":1,"records":[
      {"title":{"value":"ok"}},
      {"key":{"value":"K"},"choice":{"value":"Z"},"checks":{"value":["x","q"]},"num":{"value":"2000"}},
      {"title":{"value":"n"},"num":{"value":"abc"}}]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "CB_VA01");
  EXPECT_EQ(r.str("/errors/records[1].title.value/messages/0"), "必須です。");
  EXPECT_EQ(r.str("/errors/records[1].key.value/messages/0"),
            "値がほかのレコードと重複しています。");
  EXPECT_EQ(r.str("/errors/records[1].choice.value/messages/0"), "\"Z\"は選択肢にありません。");
  EXPECT_EQ(r.str("/errors/records[1].checks.values[1].value/messages/0"),
            "\"q\"は選択肢にありません。");
  EXPECT_EQ(r.str("/errors/records[1].num.value/messages/0"), "1000以下である必要があります。");
  EXPECT_EQ(r.str("/errors/records[2][num].value/messages/0"), "数字でなければなりません。");
  // Atomic: the valid first record was not stored either.
  auto all = call("GET", "/k/v1/records.json?app=1&totalCount=true");
  EXPECT_EQ(all.str("/totalCount"), "1");
}

// §4 NUMBER normalisation and §1.5 minute precision.
TEST_F(EmulatorRecordsTest, ValuesAreNormalised) {
  auto add = call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"a"},
      "num":{"value":" 1.5e1 "},"when":{"value":"2026-04-01T12:59:59+09:00"}}})");
  ASSERT_EQ(add.status, 200) << add.body;
  auto get = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(get.str("/record/num/value"), "15");
  EXPECT_EQ(get.str("/record/when/value"), "2026-04-01T03:59:00Z");
  std::string created = get.str("/record/作成日時/value");
  EXPECT_EQ(created.substr(created.size() - 4), ":00Z");
}

// §4 RECORD_NUMBER carries the app code.
TEST_F(EmulatorRecordsTest, RecordNumberWithAppCode) {
  call("POST", "/k/v1/record.json", R"({"app":4,"record":{"title":{"value":"a"}}})");
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=4&id=1").str("/record/レコード番号/value"),
            "CASE-1");
}

// §4 SUBTABLE: ids sent on POST are ignored; on PUT a known id updates that row and keeps
// unsent inner fields, an unknown id becomes a new row.
TEST_F(EmulatorRecordsTest, SubtableRowIds) {
  call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"a"},"table":{"value":[
      {"id":"999","value":{"item":{"value":"one"},"qty":{"value":"1"}}}]}}})");
  auto first = call("GET", "/k/v1/record.json?app=1&id=1");
  std::string rowId = first.str("/record/table/value/0/id");
  EXPECT_NE(rowId, "999");
  std::string body =
      R"({"app":1,"id":1,"record":{"table":{"value":[{"id":")" + rowId +
      R"(","value":{"item":{"value":"uno"}}},{"value":{"item":{"value":"two"}}}]}}})";
  ASSERT_EQ(call("PUT", "/k/v1/record.json", body).status, 200);
  auto second = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(second.str("/record/table/value/0/id"), rowId);
  EXPECT_EQ(second.str("/record/table/value/0/value/item/value"), "uno");
  EXPECT_EQ(second.str("/record/table/value/0/value/qty/value"), "1");
  EXPECT_EQ(second.str("/record/table/value/1/value/item/value"), "two");
  EXPECT_NE(second.str("/record/table/value/1/id"), rowId);
}

// §3.1 PUT records.json upsert: INSERT with a new id, then UPDATE.
TEST_F(EmulatorRecordsTest, UpsertByUpdateKey) {
  std::string body =
      R"({"app":1,"upsert":true,"records":[{"updateKey":{"field":"key","value":"U1"},"record":{"title":{"value":"t"}}}]})";
  auto insert = call("PUT", "/k/v1/records.json", body);
  ASSERT_EQ(insert.status, 200) << insert.body;
  EXPECT_EQ(insert.body, R"({"records":[{"id":"1","revision":"1","operation":"INSERT"}]})");
  auto update = call("PUT", "/k/v1/records.json", body);
  EXPECT_EQ(update.body, R"({"records":[{"id":"1","revision":"2","operation":"UPDATE"}]})");
  auto noUpsert = call("PUT", "/k/v1/records.json",
                       R"({"app":1,"records":[{"id":"77","record":{"title":{"value":"t"}}}]})");
  EXPECT_EQ(noUpsert.status, 404);
  EXPECT_EQ(noUpsert.code(), "GAIA_RE01");
}

// §3.1 DELETE records.json: 1-100 ids, unknown id -> 404 and nothing deleted.
TEST_F(EmulatorRecordsTest, DeleteRecords) {
  addNumbered(3);
  auto empty = call("DELETE", "/k/v1/records.json?app=1");
  EXPECT_EQ(empty.str("/errors/ids/messages/0"),
            "一度に1件から100件までのレコードを削除できます。");
  auto unknown = call("DELETE", "/k/v1/records.json?app=1&ids%5B0%5D=1&ids%5B1%5D=42");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1&totalCount=true").str("/totalCount"), "3");
  auto stale = call("DELETE", "/k/v1/records.json", R"({"app":1,"ids":[1],"revisions":[5]})");
  EXPECT_EQ(stale.code(), "GAIA_CO02");
  auto ok = call("DELETE", "/k/v1/records.json", R"({"app":1,"ids":[1,2],"revisions":[1,-1]})");
  EXPECT_EQ(ok.body, "{}");
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=1&totalCount=true").str("/totalCount"), "1");
}

}  // namespace
}  // namespace teichaku::emulator::testing
