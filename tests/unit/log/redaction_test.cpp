#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/config.h"
#include "log/log.h"
#include "log/setup.h"
#include "support/temp_dir.h"

namespace teichaku::log {
namespace {

// Distinctive values that must never reach any log output.
constexpr const char* kCanaryToken = "tok-CANARY-7f3a9e21";
constexpr const char* kCanaryName = "試験花子カナリア";

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class RedactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redactor = std::make_shared<Redactor>();
    redactor->addSecret(kCanaryToken);
    redactor->addPersonalKey("氏名");
    redactor->addPersonalKey("birth_date");
    config::LoggingConfig logging;
    logging.console = false;
    logging.file = (dir.path() / "bridge.log").string();
    logging.level = "debug";
    configureLogging(logging, redactor);
  }
  void TearDown() override {
    Poco::Logger::root().getChannel()->close();
    setRedactor(std::make_shared<Redactor>());
  }
  std::string output() {
    Poco::Logger::root().getChannel()->close();
    return readFile((dir.path() / "bridge.log").string());
  }

  testing::TempDir dir;
  std::shared_ptr<Redactor> redactor;
};

TEST_F(RedactionTest, SecretsAreMaskedInStructuredFields) {
  warning("KINTONE_AUTH_FAILED",
          {{"app", "cases"}, {"header", std::string("X-Cybozu-API-Token: ") + kCanaryToken}});
  std::string out = output();
  EXPECT_EQ(out.find(kCanaryToken), std::string::npos) << out;
  EXPECT_NE(out.find("KINTONE_AUTH_FAILED app=cases"), std::string::npos) << out;
  EXPECT_NE(out.find(kMask), std::string::npos);
}

TEST_F(RedactionTest, SecretsAreMaskedEvenWhenLoggedThroughPocoDirectly) {
  // Code that bypasses log::write (a library, a careless call) still goes through
  // the root channel.
  Poco::Logger::get("third.party").error(std::string("request failed for token ") + kCanaryToken);
  std::string out = output();
  EXPECT_EQ(out.find(kCanaryToken), std::string::npos) << out;
  EXPECT_NE(out.find("request failed for token"), std::string::npos);
}

TEST_F(RedactionTest, PersonalFieldValuesAreNeverWritten) {
  info("SYNC_RECORD_SKIPPED",
       {{"app", "cases"}, {"record", "42"}, {"氏名", kCanaryName}, {"birth_date", "1950-02-29"}});
  std::string out = output();
  EXPECT_EQ(out.find(kCanaryName), std::string::npos) << out;
  EXPECT_EQ(out.find("1950-02-29"), std::string::npos) << out;
  EXPECT_NE(out.find("record=42"), std::string::npos);
  EXPECT_NE(out.find(std::string("氏名=") + kMask), std::string::npos) << out;
}

TEST_F(RedactionTest, ValuesCannotForgeExtraLogLines) {
  warning("WEBHOOK_REJECTED", {{"reason", "bad\nERROR FAKE_ENTRY injected"}});
  std::string out = output();
  std::size_t lines = 0;
  for (char c : out) {
    lines += c == '\n';
  }
  EXPECT_EQ(lines, 1u) << out;
}

TEST(LogFormatTest, QuotesValuesWithSpacesAndEscapesQuotes) {
  EXPECT_EQ(format("X_ID", {{"a", "b"}, {"c", "d e"}, {"f", "say \"hi\""}, {"n", 3}}),
            "X_ID a=b c=\"d e\" f=\"say \\\"hi\\\"\" n=3");
}

TEST(RedactorTest, ShortValuesAreNotRegisteredAndOverlapsMaskFully) {
  Redactor r;
  r.addSecret("abc");  // too short to be worth masking everywhere
  r.addSecret("abcd1234");
  r.addSecret("abcd12345678");
  EXPECT_EQ(r.redact("abc abcd12345678 abcd1234"), std::string("abc ") + kMask + " " + kMask);
}

}  // namespace
}  // namespace teichaku::log
