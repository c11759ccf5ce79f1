#include "server/webhook_queue.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace teichaku::server {
namespace {

WebhookNotice notice(std::int64_t app, std::int64_t record, const char* type = "UPDATE_RECORD") {
  return WebhookNotice{app, record, type};
}

TEST(WebhookQueue, DrainsOldestFirstAndEmpties) {
  WebhookQueue queue(10);
  EXPECT_TRUE(queue.push(notice(1, 10)));
  EXPECT_TRUE(queue.push(notice(1, 11)));
  EXPECT_TRUE(queue.push(notice(2, 10)));
  auto first = queue.drain(2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].recordId, 10);
  EXPECT_EQ(first[0].appId, 1);
  EXPECT_EQ(first[1].recordId, 11);
  auto rest = queue.drain(100);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].appId, 2);
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_TRUE(queue.drain(5).empty());
}

TEST(WebhookQueue, TheSameRecordWaitsOnceWithItsLatestType) {
  WebhookQueue queue(10);
  EXPECT_EQ(queue.offer(notice(1, 10, "UPDATE_RECORD")), PushResult::kQueued);
  EXPECT_EQ(queue.offer(notice(1, 11)), PushResult::kQueued);
  EXPECT_EQ(queue.offer(notice(1, 10, "DELETE_RECORD")), PushResult::kMerged);
  EXPECT_EQ(queue.size(), 2u);
  auto drained = queue.drain(10);
  ASSERT_EQ(drained.size(), 2u);
  EXPECT_EQ(drained[0].recordId, 10);  // keeps its place in line
  EXPECT_EQ(drained[0].type, "DELETE_RECORD");
  // Once drained, the record may wait again.
  EXPECT_EQ(queue.offer(notice(1, 10)), PushResult::kQueued);
}

TEST(WebhookQueue, OverCapacityDropsAndFlagsUntilTaken) {
  WebhookQueue queue(2);
  EXPECT_TRUE(queue.push(notice(1, 1)));
  EXPECT_TRUE(queue.push(notice(1, 2)));
  EXPECT_FALSE(queue.takeOverflow());
  EXPECT_EQ(queue.offer(notice(1, 3)), PushResult::kOverflowed);
  EXPECT_EQ(queue.offer(notice(1, 4)), PushResult::kDropped);
  EXPECT_FALSE(queue.push(notice(1, 5)));
  // A record already waiting still merges when full.
  EXPECT_EQ(queue.offer(notice(1, 2)), PushResult::kMerged);
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_TRUE(queue.takeOverflow());
  EXPECT_FALSE(queue.takeOverflow());
  EXPECT_EQ(queue.offer(notice(1, 6)), PushResult::kOverflowed);
}

TEST(WebhookQueue, AStormOn50RecordsHolds50Entries) {
  // 10,000 webhooks naming 50 records (issue #5 "storm"): 50 re-reads, not 10,000.
  WebhookQueue queue(1000);
  for (int i = 0; i < 10000; ++i) {
    EXPECT_TRUE(queue.push(notice(5, 1 + i % 50)));
  }
  EXPECT_EQ(queue.size(), 50u);
  EXPECT_FALSE(queue.takeOverflow());
  auto drained = queue.drain(1000);
  std::set<std::int64_t> records;
  for (const auto& n : drained) {
    records.insert(n.recordId);
  }
  EXPECT_EQ(drained.size(), 50u);
  EXPECT_EQ(records.size(), 50u);
  EXPECT_EQ(*records.begin(), 1);
  EXPECT_EQ(*records.rbegin(), 50);
}

TEST(WebhookQueue, ConcurrentPushesLoseNothingBelowCapacity) {
  WebhookQueue queue(100000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&queue, t] {
      for (int i = 0; i < 2000; ++i) {
        queue.push(notice(t + 1, i + 1));
        queue.push(notice(t + 1, i + 1));  // each record twice, from the same thread
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(queue.size(), 8000u);
  EXPECT_EQ(queue.drain(100000).size(), 8000u);
}

TEST(WebhookQueue, WaitForWorkWakesOnPush) {
  WebhookQueue queue(4);
  EXPECT_FALSE(queue.waitForWork(std::chrono::milliseconds(1)));
  std::thread producer([&queue] { queue.push(notice(1, 1)); });
  EXPECT_TRUE(queue.waitForWork(std::chrono::seconds(30)));
  producer.join();
}

TEST(WebhookQueue, ZeroCapacityIsRefused) {
  EXPECT_THROW(WebhookQueue(0), std::invalid_argument);
}

}  // namespace
}  // namespace teichaku::server
