#include "plugin_host/path_safety.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "plugin_host/plugin_library.h"

namespace teichaku::plugin_host {
namespace {

namespace fs = std::filesystem;

// A private copy of the good test plugin in a fresh folder whose modes the test sets.
class PluginPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("teichaku-plugin-path-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::owner_all);
    fs::copy_file(std::string(TEICHAKU_TEST_PLUGIN_DIR) + "/test_good.so", dir_ / "good.so");
    fs::permissions(dir_ / "good.so", fs::perms::owner_read | fs::perms::owner_exec);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(PluginPathTest, APrivateFolderAndFileLoad) {
  LoadResult r = PluginLibrary::load(dir_.string(), "good.so");
  EXPECT_TRUE(r.library) << r.error;
}

TEST_F(PluginPathTest, AGroupWritableFileIsRefused) {
  fs::permissions(dir_ / "good.so", fs::perms::group_write, fs::perm_options::add);
  LoadResult r = PluginLibrary::load(dir_.string(), "good.so");
  EXPECT_FALSE(r.library);
  EXPECT_NE(r.error.find("グループまたは他のユーザーが書き込めます"), std::string::npos) << r.error;
}

TEST_F(PluginPathTest, AWorldWritableFolderIsRefused) {
  fs::permissions(dir_, fs::perms::others_write, fs::perm_options::add);
  LoadResult r = PluginLibrary::load(dir_.string(), "good.so");
  EXPECT_FALSE(r.library);
  EXPECT_NE(r.error.find("プラグインのフォルダ"), std::string::npos) << r.error;
}

TEST_F(PluginPathTest, ASymlinkToAFileElsewhereIsRefused) {
  fs::create_symlink(std::string(TEICHAKU_TEST_PLUGIN_DIR) + "/test_good.so", dir_ / "link.so");
  LoadResult r = PluginLibrary::load(dir_.string(), "link.so");
  EXPECT_FALSE(r.library);
  EXPECT_NE(r.error.find("の外"), std::string::npos) << r.error;
}

TEST(SafeFileNameTest, AcceptsPlainNamesOnly) {
  EXPECT_TRUE(isSafeFileName("件数_2024.csv"));
  EXPECT_FALSE(isSafeFileName(""));
  EXPECT_FALSE(isSafeFileName("../x.csv"));
  EXPECT_FALSE(isSafeFileName("a/b.csv"));
  EXPECT_FALSE(isSafeFileName(".hidden"));
  EXPECT_FALSE(isSafeFileName("a\nb"));
  EXPECT_FALSE(isSafeFileName(std::string(256, 'a')));
}

}  // namespace
}  // namespace teichaku::plugin_host
