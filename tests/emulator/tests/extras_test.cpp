// Files, comments, process management (kintone-api.md §3.1, §3.2).
#include <chrono>
#include <thread>

#include "emulator_fixture.h"
#include "seed_data.h"

namespace teichaku::emulator::testing {
namespace {

class EmulatorExtrasTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seed(kSeed);
  }
  std::string upload(const std::string& name, const std::string& content) {
    std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                       name + "\"\r\nContent-Type: text/plain\r\n\r\n" + content +
                       "\r\n--XyZ--\r\n";
    auto r = call("POST", "/k/v1/file.json", body,
                  {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.str("/fileKey");
  }
};

// §3.2: upload key -> attach -> download key; upload keys are single-use and are not
// download keys.
TEST_F(EmulatorExtrasTest, FileUploadAttachDownload) {
  std::string key = upload("報告.txt", "中身");
  EXPECT_EQ(call("GET", "/k/v1/file.json?fileKey=" + key).code(), "GAIA_BL01");
  std::string record = R"({"app":1,"record":{"title":{"value":"f"},"file":{"value":[{"fileKey":")" +
                       key + R"("}]}}})";
  ASSERT_EQ(call("POST", "/k/v1/record.json", record).status, 200);
  auto get = call("GET", "/k/v1/record.json?app=1&id=1");
  EXPECT_EQ(get.str("/record/file/value/0/name"), "報告.txt");
  EXPECT_EQ(get.str("/record/file/value/0/size"), std::to_string(std::string("中身").size()));
  std::string download = get.str("/record/file/value/0/fileKey");
  auto file = call("GET", "/k/v1/file.json?fileKey=" + download);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "中身");
  EXPECT_EQ(file.header("content-type"), "text/plain");
  auto reuse = call("POST", "/k/v1/record.json", record);
  EXPECT_EQ(reuse.code(), "CB_VA01");
}

// §2: an upload not attached within its lifetime (3 days; 1 s here) cannot be attached.
TEST_F(EmulatorExtrasTest, UnattachedUploadExpires) {
  seed(R"({"kintone":{"uploadTtlSeconds":1}})");
  std::string key = upload("a.txt", "a");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto r = call("POST", "/k/v1/record.json",
                R"({"app":1,"record":{"title":{"value":"f"},"file":{"value":[{"fileKey":")" + key +
                    R"("}]}}})");
  EXPECT_EQ(r.code(), "CB_VA01");
}

// §3.1 comments: add, list newest first with limit <= 10, delete; unknown -> 400 GAIA_RE02.
TEST_F(EmulatorExtrasTest, Comments) {
  call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"c"}}})");
  for (const char* text : {"first", "second"}) {
    auto r = call("POST", "/k/v1/record/comment.json",
                  std::string(R"({"app":1,"record":1,"comment":{"text":")") + text + "\"}}");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto list = call("GET", "/k/v1/record/comments.json?app=1&record=1");
  EXPECT_EQ(list.str("/comments/0/text"), "second");
  EXPECT_EQ(list.str("/comments/0/creator/code"), "Administrator");
  EXPECT_EQ(list.str("/older"), "false");
  EXPECT_EQ(call("GET", "/k/v1/record/comments.json?app=1&record=1&limit=11").status, 400);
  EXPECT_EQ(call("GET", "/k/v1/record/comments.json?app=1&record=1&order=up").code(), "CB_VA01");
  EXPECT_EQ(call("DELETE", "/k/v1/record/comment.json", R"({"app":1,"record":1,"comment":1})").body,
            "{}");
  auto missing = call("DELETE", "/k/v1/record/comment.json", R"({"app":1,"record":1,"comment":1})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.code(), "GAIA_RE02");
}

// §3.1 status: +2 revision per action; wrong action -> GAIA_IL03; off -> GAIA_ST02.
TEST_F(EmulatorExtrasTest, ProcessManagement) {
  call("POST", "/k/v1/record.json", R"({"app":5,"record":{"title":{"value":"w"}}})");
  EXPECT_EQ(call("GET", "/k/v1/record.json?app=5&id=1").str("/record/ステータス/value"), "未処理");
  auto start = call("PUT", "/k/v1/record/status.json",
                    R"({"app":5,"id":1,"action":"開始","assignee":"sato"})");
  ASSERT_EQ(start.status, 200) << start.body;
  EXPECT_EQ(start.body, R"({"revision":"3"})");
  auto get = call("GET", "/k/v1/record.json?app=5&id=1");
  EXPECT_EQ(get.str("/record/ステータス/value"), "処理中");
  EXPECT_EQ(get.str("/record/作業者/value/0/code"), "sato");
  auto wrong = call("PUT", "/k/v1/record/status.json", R"({"app":5,"id":1,"action":"開始"})");
  EXPECT_EQ(wrong.code(), "GAIA_IL03");
  call("POST", "/k/v1/record.json", R"({"app":1,"record":{"title":{"value":"x"}}})");
  EXPECT_EQ(call("PUT", "/k/v1/record/status.json", R"({"app":1,"id":1,"action":"開始"})").code(),
            "GAIA_ST02");
}

}  // namespace
}  // namespace teichaku::emulator::testing
