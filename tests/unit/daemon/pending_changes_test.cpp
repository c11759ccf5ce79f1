#include "daemon/pending_changes.h"

#include <gtest/gtest.h>

#include "crypto/key_ring.h"
#include "support/temp_dir.h"

namespace teichaku::daemon {
namespace {

TEST(PendingChanges, RoundTripPerAppAndEmptyWhenNone) {
  testing::TempDir dir;
  store::StoreConfig config;
  config.url = "sqlite:" + (dir.path() / "mirror.db").string();
  crypto::KeyBytes key{};
  key.fill(7);  // the test stores no sealed value; any key will do
  config.keys.add(1, key);
  config.keys.setActive(1);
  auto store = store::openStore(std::move(config));
  EXPECT_TRUE(loadPending(*store, "shares").empty());
  savePending(*store, "shares", {17, 3, 2048});
  savePending(*store, "cases", {5});
  EXPECT_EQ(store->meta("daemon.rules_pending.shares"), "3,17,2048");
  EXPECT_EQ(loadPending(*store, "shares"), (std::set<std::int64_t>{3, 17, 2048}));
  EXPECT_EQ(loadPending(*store, "cases"), (std::set<std::int64_t>{5}));
  savePending(*store, "shares", {});
  EXPECT_TRUE(loadPending(*store, "shares").empty());
}

}  // namespace
}  // namespace teichaku::daemon
