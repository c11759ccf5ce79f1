#include "crypto/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "crypto/aead.h"
#include "crypto/key_ring.h"

namespace teichaku::crypto {
namespace {

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/teichaku-keyfile-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/bridge.key";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  std::string path_;
};

TEST_F(KeyFileTest, InitCreatesOwnerOnlyFileWithOneActiveKey) {
  initKeyFile(path_);
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  KeyRing ring = KeyRing::load(path_);
  EXPECT_EQ(ring.size(), 1u);
  EXPECT_EQ(ring.activeId(), 1u);
}

TEST_F(KeyFileTest, InitRefusesToOverwrite) {
  initKeyFile(path_);
  std::string before = KeyRing::load(path_).serialize();
  EXPECT_THROW(initKeyFile(path_), std::runtime_error);
  EXPECT_EQ(KeyRing::load(path_).serialize(), before);
}

TEST_F(KeyFileTest, TwoInitsProduceDifferentKeys) {
  initKeyFile(path_);
  const std::string other = dir_ + "/other.key";
  initKeyFile(other);
  EXPECT_NE(KeyRing::load(path_).key(1), KeyRing::load(other).key(1));
}

TEST_F(KeyFileTest, RotateAddsActiveKeyAndOldDataStaysReadable) {
  initKeyFile(path_);
  std::string old = seal(KeyRing::load(path_), "vor", "a:1");
  EXPECT_EQ(rotateKeyFile(path_), 2u);
  EXPECT_EQ(rotateKeyFile(path_), 3u);
  KeyRing ring = KeyRing::load(path_);
  EXPECT_EQ(ring.size(), 3u);
  EXPECT_EQ(ring.activeId(), 3u);
  EXPECT_EQ(open(ring, old, "a:1"), "vor");
  EXPECT_EQ(sealedKeyId(seal(ring, "nach", "a:1")), 3u);
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
}

TEST_F(KeyFileTest, LoadRefusesGroupOrWorldReadableFile) {
  initKeyFile(path_);
  ASSERT_EQ(::chmod(path_.c_str(), 0640), 0);
  EXPECT_THROW(KeyRing::load(path_), std::runtime_error);
  ASSERT_EQ(::chmod(path_.c_str(), 0604), 0);
  EXPECT_THROW(KeyRing::load(path_), std::runtime_error);
  EXPECT_THROW(rotateKeyFile(path_), std::runtime_error);
}

TEST_F(KeyFileTest, LoadRefusesMissingFile) {
  EXPECT_THROW(KeyRing::load(path_), std::runtime_error);
}

TEST(KeyRingParse, AcceptsDocumentedFormat) {
  const std::string text =
      "teichaku-keyring v1\n# comment\nactive 5\n"
      "key 5 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
  KeyRing ring = KeyRing::parse(text, "t");
  EXPECT_EQ(ring.activeId(), 5u);
  EXPECT_EQ(ring.key(5)[0], 0x00);
  EXPECT_EQ(ring.key(5)[31], 0x1f);
  EXPECT_EQ(KeyRing::parse(ring.serialize(), "again").key(5), ring.key(5));
}

TEST(KeyRingParse, RejectsBrokenFilesWithoutEchoingKeys) {
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  const char* broken[] = {
      "",
      "wrong header\nactive 1\nkey 1 "
      "00",
      "teichaku-keyring v1\nactive 2\nkey 1 ",  // active points nowhere
      "teichaku-keyring v1\nactive 1\nkey 1 zz",
      "teichaku-keyring v1\nactive 1\nkey 0 ",
      "teichaku-keyring v1\nactive 1\nkey 1 X\nkey 1 ",
      "teichaku-keyring v1\nactive 1\nsomething else\nkey 1 ",
  };
  for (const char* prefix : broken) {
    std::string text = prefix;
    if (!text.empty() && text.back() == ' ')
      text += hex;
    std::string message;
    try {
      KeyRing::parse(text, "t");
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    EXPECT_FALSE(message.empty()) << text;
    EXPECT_EQ(message.find(hex), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace teichaku::crypto
