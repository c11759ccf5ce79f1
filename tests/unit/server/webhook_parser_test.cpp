#include <gtest/gtest.h>

#include <string>

#include "server/webhook_notice.h"

// Payload shapes: reference/kintone-api.md §7 and kintone's help page
// https://jp.cybozu.help/k/ja/user/app_settings/set_webhook/webhook_notification.html
namespace teichaku::server {
namespace {

std::string updateRecord(const std::string& appId, const std::string& recordId) {
  return R"({"id":"01234567-89ab-cdef-0123-456789abcdef","type":"UPDATE_RECORD",)"
         R"("app":{"id":")" +
         appId + R"(","name":"ケース"},"record":{"$id":{"type":"__ID__","value":")" + recordId +
         R"("},"$revision":{"type":"__REVISION__","value":"3"},)"
         R"("氏名":{"type":"SINGLE_LINE_TEXT","value":"山田 太郎"}},)"
         R"("recordTitle":"山田 太郎","url":"https://example.cybozu.com/k/12/show#record=34"})";
}

TEST(ParseWebhook, TakesAppAndRecordFromARecordEvent) {
  std::string why;
  auto notice = parseWebhook(updateRecord("12", "34"), &why);
  ASSERT_TRUE(notice) << why;
  EXPECT_EQ(notice->appId, 12);
  EXPECT_EQ(notice->recordId, 34);
  EXPECT_EQ(notice->type, "UPDATE_RECORD");
}

TEST(ParseWebhook, DeleteAndCommentEventsCarryRecordId) {
  auto deleted = parseWebhook(
      R"({"id":"x","type":"DELETE_RECORD","app":{"id":"7","name":"a"},"recordId":"99",)"
      R"("deletedBy":{"code":"u","name":"n"},"deletedAt":"2017-07-03T09:38:09Z"})",
      nullptr);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->appId, 7);
  EXPECT_EQ(deleted->recordId, 99);
  EXPECT_EQ(deleted->type, "DELETE_RECORD");

  auto comment = parseWebhook(
      R"({"id":"x","type":"ADD_RECORD_COMMENT","app":{"id":"7","name":"a"},"recordId":"5",)"
      R"("comment":{"id":"1","text":"t"},"url":"u"})",
      nullptr);
  ASSERT_TRUE(comment);
  EXPECT_EQ(comment->recordId, 5);
  EXPECT_EQ(comment->type, "ADD_RECORD_COMMENT");
}

TEST(ParseWebhook, StatusAndAddEventsUseTheRecordId) {
  for (const char* type : {"ADD_RECORD", "UPDATE_STATUS"}) {
    std::string body = R"({"type":")" + std::string(type) +
                       R"(","app":{"id":"3"},"record":{"$id":{"value":"8"}}})";
    auto notice = parseWebhook(body, nullptr);
    ASSERT_TRUE(notice) << type;
    EXPECT_EQ(notice->recordId, 8);
  }
}

TEST(ParseWebhook, RefusesWhatIsNotAWebhook) {
  const char* bodies[] = {
      "",
      "not json",
      "[]",
      R"({"type":"UPDATE_RECORD"})",                                   // no app
      R"({"type":"UPDATE_RECORD","app":{"id":"12"}})",                 // no record
      R"({"type":"UPDATE_RECORD","app":{"id":"12"},"recordId":"3"})",  // wrong shape
      R"({"type":"DELETE_RECORD","app":{"id":"12"},"record":{"$id":{"value":"3"}}})",
      R"({"type":"SOMETHING","app":{"id":"12"},"recordId":"3"})",     // unknown type
      R"({"type":"DELETE_RECORD","app":{"id":"0"},"recordId":"3"})",  // id 0
      R"({"type":"DELETE_RECORD","app":{"id":"-1"},"recordId":"3"})",
      R"({"type":"DELETE_RECORD","app":{"id":"+1"},"recordId":"3"})",
      R"({"type":"DELETE_RECORD","app":{"id":"12a"},"recordId":"3"})",
      R"({"type":"DELETE_RECORD","app":{"id":"99999999999999999999"},"recordId":"3"})",
      R"({"type":"DELETE_RECORD","app":{"id":"12"},"recordId":3.5})",
      R"({"type":"DELETE_RECORD","app":{"id":"12"},"recordId":"3"} {})",  // two values
      R"({"type":"DELETE_RECORD","app":{"id":"12"},"recordId":"3"},)",    // trailing comma
  };
  for (const char* body : bodies) {
    std::string why;
    EXPECT_FALSE(parseWebhook(body, &why)) << body;
    EXPECT_FALSE(why.empty()) << body;
  }
}

TEST(ParseWebhook, AcceptsIntegerIdsAndSurroundingWhitespace) {
  auto notice = parseWebhook(
      " \n{\"type\":\"DELETE_RECORD\",\"app\":{\"id\":12},\"recordId\":3}\r\n", nullptr);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->appId, 12);
  EXPECT_EQ(notice->recordId, 3);
}

TEST(ParseWebhook, ANulByteAfterTheValueIsNotIgnored) {
  std::string body = R"({"type":"DELETE_RECORD","app":{"id":"12"},"recordId":"3"})";
  body += '\0';
  body += "garbage";
  EXPECT_FALSE(parseWebhook(body, nullptr));
}

TEST(ParseWebhook, RefusesInvalidUtf8) {
  std::string body =
      R"({"type":"DELETE_RECORD","app":{"id":"12","name":"\xff\xfe"},"recordId":"3"})";
  EXPECT_FALSE(parseWebhook(body, nullptr));
}

TEST(ParseWebhook, NestingIsLimitedWithoutRecursion) {
  // 64 levels pass, 65 do not (kMaxJsonDepth); 100,000 levels fail fast without a stack overflow.
  auto nested = [](int depth) {
    std::string inner = std::string(static_cast<std::size_t>(depth - 1), '[') +
                        std::string(static_cast<std::size_t>(depth - 1), ']');
    return R"({"type":"DELETE_RECORD","app":{"id":"1"},"recordId":"2","x":)" + inner + "}";
  };
  EXPECT_TRUE(parseWebhook(nested(64), nullptr));
  std::string why;
  EXPECT_FALSE(parseWebhook(nested(65), &why));
  EXPECT_NE(why.find("nested deeper than 64"), std::string::npos) << why;
  EXPECT_FALSE(parseWebhook(std::string(100000, '['), &why));
  EXPECT_NE(why.find("nested deeper"), std::string::npos) << why;
}

TEST(ParseWebhook, ReasonNeverQuotesTheBody) {
  std::string why;
  EXPECT_FALSE(parseWebhook(R"({"type":"UPDATE_RECORD","app":{"id":"CANARY_NAME"}})", &why));
  EXPECT_EQ(why.find("CANARY"), std::string::npos) << why;
  EXPECT_FALSE(parseWebhook(R"({"CANARY_NAME": tru})", &why));
  EXPECT_EQ(why.find("CANARY"), std::string::npos) << why;
}

}  // namespace
}  // namespace teichaku::server
