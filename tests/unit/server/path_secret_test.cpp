#include "server/path_secret.h"

#include <gtest/gtest.h>

namespace teichaku::server {
namespace {

TEST(PathSecret, MatchesOnlyTheExactSecret) {
  PathSecret secret("0123456789abcdef0123456789abcdef");
  EXPECT_TRUE(secret.matches("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(secret.matches("0123456789abcdef0123456789abcdeF"));
  EXPECT_FALSE(secret.matches("0123456789abcdef0123456789abcde"));    // prefix
  EXPECT_FALSE(secret.matches("0123456789abcdef0123456789abcdef0"));  // longer
  EXPECT_FALSE(secret.matches(""));
}

TEST(PathSecret, AnEmptySecretMatchesNothing) {
  PathSecret secret("");
  EXPECT_TRUE(secret.empty());
  EXPECT_FALSE(secret.matches(""));
  EXPECT_FALSE(secret.matches("anything"));
}

}  // namespace
}  // namespace teichaku::server
