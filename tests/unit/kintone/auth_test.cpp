#include "kintone/auth.h"

#include <gtest/gtest.h>

// Header rules: kintone-api.md §1.2 (DOC:overview, DOC:auth).
namespace teichaku::kintone {
namespace {

TEST(AuthTest, Base64MatchesKnownValues) {
  // Expected values computed with Python's base64 module.
  EXPECT_EQ(base64("login:password"), "bG9naW46cGFzc3dvcmQ=");
  EXPECT_EQ(base64("user:pa:ss"), "dXNlcjpwYTpzcw==");
  EXPECT_EQ(base64(""), "");
}

TEST(AuthTest, TokensOfAllAppsAreJoinedWithCommasWithoutDuplicates) {
  AuthConfig auth;
  auth.apiTokensByApp["1"] = {"tokA", "tokB"};
  auth.apiTokensByApp["2"] = {"tokB", "tokC"};
  auto headers = authHeaders(auth, {"1", "2"});
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0], (HttpHeader{"X-Cybozu-API-Token", "tokA,tokB,tokC"}));
}

TEST(AuthTest, TenTokensAreRefusedAndTheMessageHoldsNoToken) {
  AuthConfig auth;
  for (int i = 0; i < 10; ++i) {
    auth.apiTokensByApp[std::to_string(i)] = {"secret-token-" + std::to_string(i)};
  }
  std::vector<std::string> apps;
  for (int i = 0; i < 9; ++i) {
    apps.push_back(std::to_string(i));
  }
  EXPECT_NO_THROW(authHeaders(auth, apps));  // 9 is the documented maximum
  apps.push_back("9");
  try {
    authHeaders(auth, apps);
    FAIL() << "10 tokens must be refused";
  } catch (const AuthError& error) {
    EXPECT_EQ(std::string(error.what()).find("secret-token"), std::string::npos);
  }
}

TEST(AuthTest, MissingTokenForAnAppIsAConfigError) {
  AuthConfig auth;
  auth.apiTokensByApp["1"] = {"tok"};
  EXPECT_THROW(authHeaders(auth, {"1", "7"}), AuthError);
  EXPECT_THROW(authHeaders(auth, {}), AuthError);
}

TEST(AuthTest, PasswordWinsOverTokensAndBasicIsAdded) {
  AuthConfig auth;
  auth.password = PasswordAuth{"login", "password"};
  auth.apiTokensByApp["1"] = {"tok"};
  auth.basic = BasicAuth{"a", ""};
  auto headers = authHeaders(auth, {"1"});
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0], (HttpHeader{"X-Cybozu-Authorization", "bG9naW46cGFzc3dvcmQ="}));
  // base64("a:") = "YTo=" (by hand: 'a'=0x61 ':'=0x3A → 011000 010011 1010(00) → Y T o =).
  EXPECT_EQ(headers[1], (HttpHeader{"Authorization", "Basic YTo="}));
}

}  // namespace
}  // namespace teichaku::kintone
