#include "kintone/header_mask.h"

#include <gtest/gtest.h>

// Secrets never reach a log or trace (reliability.md §3.6).
namespace teichaku::kintone {
namespace {

TEST(HeaderMaskTest, MasksSecretHeadersInATraceBlock) {
  const std::string block =
      "GET /k/v1/records.json?app=1 HTTP/1.1\r\n"
      "Host: example.cybozu.com\r\n"
      "X-Cybozu-API-Token: tokA,tokB\r\n"
      "x-cybozu-authorization: bG9naW46cGFzc3dvcmQ=\r\n"
      "Authorization: Basic YTo=\r\n"
      "Proxy-Authorization: Basic cHJveHk6cHc=\r\n"
      "Cookie: JSESSIONID=abc\r\n"
      "\r\n";
  const std::string masked = maskHeaderBlock(block);
  EXPECT_EQ(masked,
            "GET /k/v1/records.json?app=1 HTTP/1.1\r\n"
            "Host: example.cybozu.com\r\n"
            "X-Cybozu-API-Token: ***\r\n"
            "x-cybozu-authorization: ***\r\n"
            "Authorization: ***\r\n"
            "Proxy-Authorization: ***\r\n"
            "Cookie: ***\r\n"
            "\r\n");
}

TEST(HeaderMaskTest, DescribeForLogDropsQueryAndSecrets) {
  HttpRequest request;
  request.method = HttpMethod::kGet;
  request.url = "https://example.cybozu.com/k/v1/records.json?app=1&query=%E5%B1%B1%E7%94%B0";
  request.headers = {{"X-Cybozu-API-Token", "tokA"}, {"User-Agent", "teichaku-bridge"}};
  request.body = "{\"氏名\":\"山田太郎\"}";
  const std::string line = describeForLog(request);
  EXPECT_EQ(line,
            "GET https://example.cybozu.com/k/v1/records.json [X-Cybozu-API-Token: ***] "
            "[User-Agent: teichaku-bridge]");
}

}  // namespace
}  // namespace teichaku::kintone
