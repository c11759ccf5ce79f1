// Lookups (kintone-api.md §4 "Lookup", §6 GAIA_LO04): the key is written, the server copies.
#include "emulator_fixture.h"

namespace teichaku::emulator::testing {
namespace {

class LookupTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(R"({"apps":[
      {"id":1,"name":"対象者","fields":{
        "ケース番号":{"type":"SINGLE_LINE_TEXT","unique":true},
        "管理センター":{"type":"SINGLE_LINE_TEXT"},
        "氏名":{"type":"SINGLE_LINE_TEXT"}},
       "records":[{"ケース番号":{"value":"13-000001"},"管理センター":{"value":"東京都センター"},"氏名":{"value":"試験 一郎"}},
                  {"ケース番号":{"value":"27-000002"},"管理センター":{"value":"大阪府センター"},"氏名":{"value":"試験 二郎"}}]},
      {"id":2,"name":"支援記録","fields":{
        "対象者番号":{"type":"SINGLE_LINE_TEXT","lookup":{"relatedApp":{"app":"1"},"relatedKeyField":"ケース番号",
          "fieldMappings":[{"field":"対象者センター","relatedField":"管理センター"},{"field":"対象者氏名","relatedField":"氏名"}]}},
        "対象者センター":{"type":"SINGLE_LINE_TEXT"},
        "対象者氏名":{"type":"SINGLE_LINE_TEXT"},
        "記録内容":{"type":"MULTI_LINE_TEXT"}}}]})");
  }
};

TEST_F(LookupTest, AddingTheKeyCopiesTheMappedFields) {
  HttpResult added = call("POST", "/k/v1/record.json",
                          R"({"app":2,"record":{"対象者番号":{"value":"27-000002"}}})");
  ASSERT_EQ(added.status, 200) << added.body;
  HttpResult got = call("GET", "/k/v1/record.json?app=2&id=1");
  EXPECT_EQ(got.str("/record/対象者センター/value"), "大阪府センター");
  EXPECT_EQ(got.str("/record/対象者氏名/value"), "試験 二郎");
}

TEST_F(LookupTest, AKeyWithNoSourceRecordIsGaiaLo04WithoutErrors) {
  HttpResult r = call("POST", "/k/v1/record.json",
                      R"({"app":2,"record":{"対象者番号":{"value":"99-999999"}}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), "GAIA_LO04");
  EXPECT_FALSE(r.json.HasMember("errors"));
  EXPECT_EQ(call("GET", "/k/v1/records.json?app=2").str("/records/0/$id/value"), "<missing>")
      << "nothing was stored";
}

TEST_F(LookupTest, ChangingTheKeyRecopiesAndClearingItEmptiesTheCopies) {
  ASSERT_EQ(
      call("POST", "/k/v1/record.json",
           R"({"app":2,"record":{"対象者番号":{"value":"13-000001"},"記録内容":{"value":"初回"}}})")
          .status,
      200);
  ASSERT_EQ(call("PUT", "/k/v1/record.json",
                 R"({"app":2,"id":1,"record":{"記録内容":{"value":"二回目"}}})")
                .status,
            200);
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=2&id=1").str("/record/対象者センター/value"),
            "東京都センター");  // not sent: copies kept
  ASSERT_EQ(call("PUT", "/k/v1/record.json",
                 R"({"app":2,"id":1,"record":{"対象者番号":{"value":"27-000002"}}})")
                .status,
            200);
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=2&id=1").str("/record/対象者センター/value"),
            "大阪府センター");
  ASSERT_EQ(
      call("PUT", "/k/v1/record.json", R"({"app":2,"id":1,"record":{"対象者番号":{"value":""}}})")
          .status,
      200);
  HttpResult cleared = call("GET", "/k/v1/record.json?app=2&id=1");
  EXPECT_EQ(cleared.str("/record/対象者センター/value"), "");
  EXPECT_EQ(cleared.str("/record/対象者氏名/value"), "");
}

TEST_F(LookupTest, BulkAddResolvesEveryRecord) {
  HttpResult r = call(
      "POST", "/k/v1/records.json",
      R"({"app":2,"records":[{"対象者番号":{"value":"13-000001"}},{"対象者番号":{"value":"27-000002"}}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  HttpResult all = call("GET", "/k/v1/records.json?app=2&query=order%20by%20%24id%20asc");
  EXPECT_EQ(all.str("/records/0/対象者センター/value"), "東京都センター");
  EXPECT_EQ(all.str("/records/1/対象者センター/value"), "大阪府センター");
}

}  // namespace
}  // namespace teichaku::emulator::testing
