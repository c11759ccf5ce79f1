#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

#include "accounts/password_file.h"
#include "accounts/password_generator.h"
#include "support/temp_dir.h"

namespace teichaku::accounts {
namespace {

TEST(PasswordGenerator, LengthClassesAndNoConfusableCharacters) {
  for (int i = 0; i < 2000; ++i) {
    const std::string p = generatePassword();
    ASSERT_EQ(p.size(), 16u);
    bool upper = false, lower = false, digit = false;
    for (char c : p) {
      ASSERT_EQ(std::string("0Oo1lI").find(c), std::string::npos) << p;
      ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << p;
      upper = upper || std::isupper(static_cast<unsigned char>(c));
      lower = lower || std::islower(static_cast<unsigned char>(c));
      digit = digit || std::isdigit(static_cast<unsigned char>(c));
    }
    ASSERT_TRUE(upper && lower && digit) << p;
  }
  EXPECT_EQ(generatePassword(12).size(), 12u);
  EXPECT_THROW(generatePassword(11), std::invalid_argument);
}

TEST(PasswordGenerator, RejectsBytesAboveTheLastFullAlphabetAndMapsTheRest) {
  // 56 characters: bytes 224..255 would favour the first 32 characters, so they are
  // skipped. Accepted bytes 0, 24, 48, 56, 80, 104, 1..10 are alphabet indexes
  // 0, 24, 48, 0, 24, 48, 1..10: A a 2 A a 2 B C D E F G H J K L (no I in the alphabet).
  const unsigned char bytes[] = {255, 0, 250, 24, 230, 48, 56, 80, 104, 224,
                                 1,   2, 3,   4,  5,   6,  7,  8,  9,   10};
  RandomBytes fixed = [&](unsigned char* out, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      out[i] = i < sizeof bytes ? bytes[i] : 0;
    }
    return true;
  };
  EXPECT_EQ(generatePassword(16, fixed), "Aa2Aa2BCDEFGHJKL");
}

TEST(PasswordGenerator, EveryCharacterOfAClassIsEquallyLikely) {
  // With modulo bias alphabet indexes 0..31 (all upper-case letters and a..h) would come
  // 5/4 as often as the rest. Compared within each class: requiring a digit in every
  // password makes digits as a whole more frequent, which is not a bias within a class.
  std::map<char, int> counts;
  const int passwords = 20000;
  for (int i = 0; i < passwords; ++i) {
    for (char c : generatePassword()) {
      ++counts[c];
    }
  }
  ASSERT_EQ(counts.size(), kPasswordAlphabet.size());
  const std::string classes[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz",
                                 "23456789"};
  for (const std::string& members : classes) {
    int lowest = passwords * 16, highest = 0;
    for (char c : members) {
      lowest = std::min(lowest, counts[c]);
      highest = std::max(highest, counts[c]);
    }
    // About 5,700 per letter (3 % standard deviation); a 25 % bias is far outside.
    EXPECT_LT(static_cast<double>(highest) / lowest, 1.1) << lowest << " " << highest;
  }
}

TEST(PasswordGenerator, FailingRandomSourceIsAnError) {
  RandomBytes broken = [](unsigned char*, std::size_t) { return false; };
  EXPECT_THROW(generatePassword(16, broken), std::runtime_error);
}

TEST(PasswordFile, PrivateWithReminderAndNeverOverwritten) {
  testing::TempDir dir;
  PasswordFile file{
      "01a", "道央センター", "initial", {{"u1", "Pw2abcdefghijk"}, {"u2", "Qx3abcdefghijk"}}};
  const std::string out = (dir.path() / "out").string();
  const std::string first = writePasswordFile(out, file, "2026-04-01T00:00:00Z");
  const std::string second = writePasswordFile(out, file, "2026-04-01T00:00:00Z");
  EXPECT_EQ(first, out + "/initial-passwords-01a.csv");
  EXPECT_EQ(second, out + "/initial-passwords-01a-2.csv");
  struct stat st {};
  ASSERT_EQ(::stat(first.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::ifstream in(first);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("初回ログイン時に必ずパスワードを変更してください"), std::string::npos);
  EXPECT_NE(text.str().find("\nログイン名,パスワード\nu1,Pw2abcdefghijk\nu2,Qx3abcdefghijk\n"),
            std::string::npos)
      << text.str();
}

TEST(PasswordFile, BookGroupsByCentre) {
  PasswordBook book;
  book.add("initial", "01a", "A", {"u1", "p"});
  book.add("initial", "02", "B", {"u2", "p"});
  book.add("initial", "01a", "A", {"u3", "p"});
  ASSERT_EQ(book.files().size(), 2u);
  EXPECT_EQ(book.files()[0].entries.size(), 2u);
  EXPECT_EQ(book.files()[1].centreCode, "02");
}

}  // namespace
}  // namespace teichaku::accounts
