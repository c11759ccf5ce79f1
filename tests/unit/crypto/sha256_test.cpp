#include "crypto/sha256.h"

#include <gtest/gtest.h>

#include <set>

namespace teichaku::crypto {
namespace {

// Test vectors from FIPS 180-2, Appendix B.1 and the empty-string digest.
TEST(Sha256, MatchesPublishedVectors) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(RandomBytes, ReturnsRequestedLengthAndVaries) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string r = randomBytes(16);
    ASSERT_EQ(r.size(), 16u);
    seen.insert(r);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace teichaku::crypto
