#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "config/config.h"
#include "support/temp_dir.h"
#include "unit/config/minimal_config.h"

namespace teichaku::config {
namespace {

using testing::TempDir;

class SecretReferenceTest : public ::testing::Test {
 protected:
  LoadResult load(const std::string& text) {
    return loadConfig(dir.write("bridge.toml", text, 0644));
  }
  TempDir dir;
};

TEST_F(SecretReferenceTest, WorldReadableTokenFileIsRefusedWithTheFix) {
  std::string tokenFile = dir.write("token", "secret-token-value", 0644);
  auto r = load(minimalConfig(tokenFile));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "kintone.apps.cases.api_token_file");
  EXPECT_EQ(r.errors[0].line, 10);
  EXPECT_NE(r.errors[0].message.find("chmod 600 " + tokenFile), std::string::npos);
  EXPECT_EQ(r.errors[0].format().find("secret-token-value"), std::string::npos);
}

TEST_F(SecretReferenceTest, GroupReadableTokenFileIsRefused) {
  auto r = load(minimalConfig(dir.write("token", "secret-token-value", 0640)));
  ASSERT_EQ(r.errors.size(), 1u);
}

TEST_F(SecretReferenceTest, TokenFileOwnedByAnotherUserIsRefused) {
  if (::geteuid() != 0) {
    // Only root can give a file away; as another user the check is proven by the
    // permission tests above and this case cannot be built.
    GTEST_SUCCEED() << "needs root to chown";
    return;
  }
  std::string tokenFile = dir.write("token", "secret-token-value", 0600);
  ASSERT_EQ(::chown(tokenFile.c_str(), 65534, 65534), 0);
  auto r = load(minimalConfig(tokenFile));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("所有者"), std::string::npos);
}

TEST_F(SecretReferenceTest, MissingTokenFileIsRefused) {
  auto r = load(minimalConfig((dir.path() / "absent").string()));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("見つかりません"), std::string::npos);
}

TEST_F(SecretReferenceTest, InlineSecretIsRefusedAndNeverEchoed) {
  std::string text = minimalConfig(dir.write("token", "x1234"));
  text.replace(text.find("api_token_file"),
               text.find('\n', text.find("api_token_file")) - text.find("api_token_file"),
               "api_token = \"inline-secret-9f8e7d\"");
  auto r = load(text);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].keyPath, "kintone.apps.cases.api_token");
  EXPECT_NE(r.errors[0].message.find("api_token_file"), std::string::npos);
  EXPECT_EQ(r.errors[0].format().find("inline-secret-9f8e7d"), std::string::npos);
}

TEST_F(SecretReferenceTest, FileAndEnvTogetherAreRefused) {
  std::string text = minimalConfig(dir.write("token", "secret-token-value")) +
                     "";  // add _env right after _file in the same table
  text.insert(text.find("\n", text.find("api_token_file")) + 1, "api_token_env = \"X_TOKEN\"\n");
  ::setenv("X_TOKEN", "value-from-env", 1);
  auto r = load(text);
  ::unsetenv("X_TOKEN");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("どちらか一方"), std::string::npos);
}

TEST_F(SecretReferenceTest, EnvironmentReferenceMustBeSet) {
  std::string text = minimalConfig("unused");
  text.replace(text.find("api_token_file = \"unused\""), 25, "api_token_env = \"TB_TEST_TOKEN\"");
  ::unsetenv("TB_TEST_TOKEN");
  auto missing = load(text);
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].message.find("TB_TEST_TOKEN"), std::string::npos);

  ::setenv("TB_TEST_TOKEN", "env-token-value", 1);
  auto present = load(text);
  ASSERT_TRUE(present.ok());
  EXPECT_EQ(present.config->kintone.apps.at("cases").apiToken.read(), "env-token-value");
  ::unsetenv("TB_TEST_TOKEN");
}

TEST_F(SecretReferenceTest, CredentialsDirectoryIsExpandedAndSecretReadWithoutNewline) {
  dir.write("creds/kintone-cases-token", "token-from-systemd\n");
  ::setenv("CREDENTIALS_DIRECTORY", (dir.path() / "creds").c_str(), 1);
  auto r = load(minimalConfig("${CREDENTIALS_DIRECTORY}/kintone-cases-token"));
  ::unsetenv("CREDENTIALS_DIRECTORY");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
  const auto& ref = r.config->kintone.apps.at("cases").apiToken;
  EXPECT_EQ(ref.reference, (dir.path() / "creds/kintone-cases-token").string());
  EXPECT_EQ(ref.read(), "token-from-systemd");
}

TEST_F(SecretReferenceTest, UnsetVariableInPathIsNamed) {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  auto r = load(minimalConfig("${CREDENTIALS_DIRECTORY}/kintone-cases-token"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("CREDENTIALS_DIRECTORY"), std::string::npos);
}

}  // namespace
}  // namespace teichaku::config
