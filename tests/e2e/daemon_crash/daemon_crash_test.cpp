#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "daemon_world.h"

// Issue #5 "Nothing lost, nothing doubled" / "Done when": SIGKILL the real daemon at
// random points around the outbox (while it starts, polls, decides, delivers), dozens of
// times, restarting it each time; at the end every expected Garoon notification is present
// exactly once by key and recipient, nothing else was sent for the shares, and the store
// is intact. A failure prints the seed: TEICHAKU_CRASH_SEED=<n> replays the same kills.
namespace teichaku::e2e {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kShares = "104";

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

int envInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

// A sanitizer build runs every process several times slower: fewer rounds, longer waits.
int rounds() {
  return envInt("TEICHAKU_CRASH_ROUNDS", kSanitized ? 12 : 40);
}
int slowdown() {
  return kSanitized ? 4 : 1;
}

std::string destinationKey(const std::string& id) {
  return "share:shares:" + id + ":destination";
}
std::string receiptKey(const std::string& id) {
  return "receipt:shares:" + id + ":sender";
}

// The notifications the shares and receipts must have produced: key -> login codes.
using Expected = std::map<std::string, std::set<std::string>>;

// What Garoon holds now, by key -> login codes (a duplicate recipient counted twice).
std::map<std::string, std::multiset<std::string>> storedNotices(DaemonWorld& world) {
  const auto codes = world.garoonUserCodes();
  std::map<std::string, std::multiset<std::string>> out;
  for (const auto& [key, recipients] : world.garoonItems()) {
    auto& logins = out[key];
    for (const auto& id : recipients) {
      auto it = codes.find(id);
      logins.insert(it == codes.end() ? "unknown-garoon-id-" + id : it->second);
    }
  }
  return out;
}

bool isShareKey(const std::string& key) {
  return key.rfind("share:", 0) == 0 || key.rfind("receipt:", 0) == 0;
}

bool converged(DaemonWorld& world, const Expected& expected) {
  const auto stored = storedNotices(world);
  for (const auto& [key, logins] : expected) {
    auto it = stored.find(key);
    if (it == stored.end() ||
        std::set<std::string>(it->second.begin(), it->second.end()) != logins) {
      return false;
    }
  }
  const auto states = world.outboxStates();
  return !states.contains("pending") && !states.contains("in_flight");
}

TEST(DaemonCrash, SigkillAtRandomPointsLeavesEveryNotificationExactlyOnce) {
  const unsigned seed = static_cast<unsigned>(
      envInt("TEICHAKU_CRASH_SEED", static_cast<int>(std::random_device()())));
  SCOPED_TRACE("TEICHAKU_CRASH_SEED=" + std::to_string(seed));
  std::mt19937 random(seed);
  const int n = rounds();

  DaemonWorld world;
  const auto caseNumbers = world.addTokyoCases(static_cast<std::size_t>(n));
  const auto shares = world.addShares(caseNumbers);
  ASSERT_EQ(shares.size(), static_cast<std::size_t>(n));

  // The first run reads everything once (the baseline) and is not killed.
  world.startDaemon();
  ASSERT_TRUE(world.waitReady(seconds(60 * slowdown()))) << "teichaku-bridge run never ready";

  Expected expected;
  std::set<std::string> confirmed;
  std::uniform_int_distribution<int> percent(0, 99);
  int killedBeforeReady = 0;
  for (int round = 0; round < n; ++round) {
    if (!world.daemonRunning()) {
      world.startDaemon();
    }
    // 東京 sends one share a round.
    const std::string& id = shares[static_cast<std::size_t>(round)];
    world.setText(kShares, id, "共有状況", "送信");
    expected[destinationKey(id)] = kKanagawaGaroonStaff;

    // 神奈川 confirms a share it can already open (access granted, notice received).
    if (round % 2 == 1) {
      const auto stored = world.garoonItems();
      for (int earlier = 0; earlier < round; ++earlier) {
        const std::string& candidate = shares[static_cast<std::size_t>(earlier)];
        if (confirmed.contains(candidate) || !stored.contains(destinationKey(candidate)) ||
            !DaemonWorld::entityCodes(world.record(kShares, candidate), "閲覧組織")
                 .contains("teichaku-14")) {
          continue;
        }
        world.setText(kShares, candidate, "共有状況", "受領確認");
        confirmed.insert(candidate);
        expected[receiptKey(candidate)] = kTokyoSender;
        break;
      }
    }

    // Mostly early (start, poll, the rule's decision, the first sends), sometimes late
    // (deliveries and their bookkeeping).
    const bool late = percent(random) < 30;
    std::uniform_int_distribution<int> delay(late ? 400 : 0, late ? 1500 : 400);
    std::this_thread::sleep_for(milliseconds(delay(random) * slowdown()));
    if (!world.readyNow()) {
      ++killedBeforeReady;
    }
    world.killDaemon();
  }

  world.startDaemon();
  ASSERT_TRUE(world.waitReady(seconds(60 * slowdown())));
  const auto deadline = std::chrono::steady_clock::now() + seconds(60 * slowdown());
  while (!converged(world, expected) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(200));
  }

  // Exactly once by key and recipient: one stored notification per expected key, each
  // expected person once, and no share or receipt notification that was not expected.
  const auto stored = storedNotices(world);
  for (const auto& [key, logins] : expected) {
    ASSERT_TRUE(stored.contains(key)) << key << " never reached Garoon";
    EXPECT_EQ(stored.at(key), std::multiset<std::string>(logins.begin(), logins.end())) << key;
  }
  for (const auto& [key, logins] : stored) {
    if (isShareKey(key)) {
      EXPECT_TRUE(expected.contains(key)) << "unexpected notification " << key;
    }
  }
  // A resend after a crash reuses the key: every request for a key named the same people,
  // came from the bridge's account, and none carried the case's name.
  for (const auto& request : world.garoonRequests()) {
    EXPECT_EQ(request.caller, "bridge");
    EXPECT_EQ(request.body.find(kCanary), std::string::npos);
    if (auto it = expected.find(request.notificationKey); it != expected.end()) {
      EXPECT_EQ(request.destinationCodes, it->second) << request.notificationKey;
    }
  }
  // kintone: every share sent stays 送信 or 受領確認 (none sent back), 神奈川 has access.
  for (const auto& id : shares) {
    const auto share = world.record(kShares, id);
    EXPECT_EQ(std::string(share["共有状況"]["value"].GetString()),
              confirmed.contains(id) ? "受領確認" : "送信")
        << id;
    EXPECT_EQ(DaemonWorld::entityCodes(share, "閲覧組織"),
              (std::set<std::string>{"teichaku-13", "teichaku-14"}))
        << id;
  }
  const auto states = world.outboxStates();
  EXPECT_FALSE(states.contains("parked")) << "parked: " << states.at("parked");
  EXPECT_FALSE(states.contains("pending"));
  EXPECT_FALSE(states.contains("in_flight"));

  EXPECT_EQ(world.stopDaemon(), 0) << "SIGTERM after the rounds";
  EXPECT_EQ(world.integrityCheck(), "ok");
  if (HasFailure()) {
    ADD_FAILURE() << "the daemon's warnings and errors:\n" << world.logProblems();
  }
  RecordProperty("rounds", n);
  RecordProperty("killed_before_ready", killedBeforeReady);
  RecordProperty("receipts", static_cast<int>(confirmed.size()));
}

}  // namespace
}  // namespace teichaku::e2e
