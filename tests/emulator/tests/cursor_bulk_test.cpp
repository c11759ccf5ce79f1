// Cursors and bulkRequest (kintone-api.md §2, §3.1).
#include <chrono>
#include <string>
#include <thread>

#include "emulator_fixture.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorCursorBulkTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
    std::string body = R"({"app":1,"records":[)";
    for (int i = 0; i < 7; ++i) {
      body += (i > 0 ? "," : "") + std::string(R"({"title":{"value":"r"},"num":{"value":")") +
              std::to_string(i) + "\"}}";
    }
    ASSERT_EQ(call("POST", "/k/v1/records.json", body + "]}").status, 200);
  }
};

// §3.1 cursor: pages of `size`, next=false on the last page, then the cursor is gone.
TEST_F(EmulatorCursorBulkTest, CursorPagesInQueryOrderAndDeletesItself) {
  auto create = call("POST", "/k/v1/records/cursor.json",
                     R"({"app":1,"query":"num >= 2 order by num asc","size":2})");
  ASSERT_EQ(create.status, 200) << create.body;
  EXPECT_EQ(create.str("/totalCount"), "5");
  std::string id = create.str("/id");
  std::vector<std::string> seen;
  bool next = true;
  int pages = 0;
  while (next) {
    auto page = call("GET", "/k/v1/records/cursor.json?id=" + id);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& r : page.json["records"].GetArray()) {
      seen.push_back(r["num"]["value"].GetString());
    }
    next = page.json["next"].GetBool();
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"2", "3", "4", "5", "6"}));
  EXPECT_EQ(call("GET", "/k/v1/records/cursor.json?id=" + id).status, 400);
}

// §2: limit/offset not allowed in a cursor query; size 1-500.
TEST_F(EmulatorCursorBulkTest, CursorParameterLimits) {
  EXPECT_EQ(call("POST", "/k/v1/records/cursor.json", R"({"app":1,"query":"limit 5"})").status,
            400);
  EXPECT_EQ(call("POST", "/k/v1/records/cursor.json", R"({"app":1,"size":501})").status, 400);
}

// §2: at most 10 live cursors per domain -> GAIA_TM12; deleting one frees a slot.
TEST_F(EmulatorCursorBulkTest, TenCursorsPerDomain) {
  std::string last;
  for (int i = 0; i < 10; ++i) {
    auto r = call("POST", "/k/v1/records/cursor.json", R"({"app":1})");
    ASSERT_EQ(r.status, 200);
    last = r.str("/id");
  }
  auto eleventh = call("POST", "/k/v1/records/cursor.json", R"({"app":1})");
  EXPECT_EQ(eleventh.code(), "GAIA_TM12");
  EXPECT_EQ(call("DELETE", "/k/v1/records/cursor.json", R"({"id":")" + last + "\"}").body, "{}");
  EXPECT_EQ(call("POST", "/k/v1/records/cursor.json", R"({"app":1})").status, 200);
}

// §2: cursors expire after their idle lifetime (10 minutes; 1 s here via config).
TEST_F(EmulatorCursorBulkTest, IdleCursorExpires) {
  seed(R"({"kintone":{"cursorTtlSeconds":1}})");
  auto create = call("POST", "/k/v1/records/cursor.json", R"({"app":1,"size":1})");
  ASSERT_EQ(create.status, 200);
  std::string id = create.str("/id");
  EXPECT_EQ(call("GET", "/k/v1/records/cursor.json?id=" + id).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  EXPECT_EQ(call("GET", "/k/v1/records/cursor.json?id=" + id).status, 400);
}

// §3.1 bulkRequest: results in order, each the API's normal response.
TEST_F(EmulatorCursorBulkTest, BulkRequestResults) {
  auto r = call("POST", "/k/v1/bulkRequest.json", R"({"requests":[
      {"method":"POST","api":"/k/v1/record.json","payload":{"app":1,"record":{"title":{"value":"n"}}}},
      {"method":"PUT","api":"/k/v1/record.json","payload":{"app":1,"id":1,"record":{"num":{"value":"9"}}}}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"results":[{"id":"8","revision":"1"},{"revision":"2"}]})");
}

// §3.1 bulkRequest failure: {} placeholders, the error at its index, everything rolled back.
TEST_F(EmulatorCursorBulkTest, BulkRequestRollsBackOnFailure) {
  auto r = call("POST", "/k/v1/bulkRequest.json", R"({"requests":[
      {"method":"DELETE","api":"/k/v1/records.json","payload":{"app":1,"ids":[1]}},
      {"method":"PUT","api":"/k/v1/record.json","payload":{"app":1,"id":2,"revision":9,"record":{}}},
      {"method":"POST","api":"/k/v1/record.json","payload":{"app":1,"record":{"title":{"value":"n"}}}}]})");
  EXPECT_EQ(r.status, 409);
  ASSERT_TRUE(r.json.HasMember("results")) << r.body;
  EXPECT_TRUE(r.json["results"][0].ObjectEmpty());
  EXPECT_EQ(r.str("/results/1/code"), "GAIA_CO02");
  EXPECT_TRUE(r.json["results"][2].ObjectEmpty());
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=1&id=1").status, 200);  // delete undone
}

// §2: bulkRequest takes at most 20 requests.
TEST_F(EmulatorCursorBulkTest, BulkRequestCap) {
  std::string body = R"({"requests":[)";
  for (int i = 0; i < 21; ++i) {
    body += (i > 0 ? "," : "") +
            std::string(R"({"method":"GET","api":"/k/v1/record.json","payload":{"app":1,"id":1}})");
  }
  EXPECT_EQ(call("POST", "/k/v1/bulkRequest.json", body + "]}").status, 400);
}

}  // namespace
}  // namespace teichaku::emulator::testing
