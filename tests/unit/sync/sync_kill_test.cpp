#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "sync/sync_engine.h"
#include "sync_harness.h"

// reliability.md §7 P1, P2, P10: SIGKILL at random moments of a sync (a forked child does the
// sync; the parent kills it), with the source changing between rounds. The mirror must stay a
// sound SQLite file and end equal to the source.
namespace teichaku::sync::testing {
namespace {

constexpr int kRounds = 30;

TEST(SyncKillTest, SigkillDuringSyncConvergesToTheSource) {
  SyncHarness h(80, false);
  const unsigned seed = std::random_device{}();
  std::mt19937 random(seed);
  std::cout << "SyncKillTest seed " << seed << "\n";
  int killedMidway = 0;
  for (int round = 0; round < kRounds; ++round) {
    if (round % 3 == 1) {
      std::vector<std::int64_t> ids;
      auto src = h.source("cases");
      for (const auto& [id, record] : src) {
        if (random() % 4 == 0) {
          ids.push_back(id);
        }
      }
      h.updateText("cases", ids, "生活歴", "round " + std::to_string(round));
    }
    if (round % 7 == 3) {
      h.deleteIds("cases", {h.source("cases").rbegin()->first});
    }
    const bool full = round % 5 == 0;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The child: its own client and connection, as a restarted daemon would have.
      auto client = h.newClient();
      auto mirror = h.openMirror();
      SyncEngine engine(*client, *mirror, h.mapping(), kAppIds, options([](SyncOptions& o) {
        o.pageSize = 4;
        o.afterPageCommit = [](std::int64_t) { ::usleep(1500); };
      }));
      SyncReport r = engine.syncApp("cases", full);
      ::_exit(r.outcome.isOk() ? 0 : 1);
    }
    ::usleep(static_cast<useconds_t>(random() % 60000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
      ++killedMidway;
    } else {
      EXPECT_EQ(WEXITSTATUS(status), 0) << "round " << round << " seed " << seed;
    }
    auto mirror = h.openMirror();
    EXPECT_EQ(mirror->integrityCheck(), std::vector<std::string>{"ok"}) << "round " << round;
  }
  EXPECT_GT(killedMidway, kRounds / 3) << "the kills must land during syncs";

  auto engine = h.engine(options([](SyncOptions& o) { o.allowMassDelete = true; }));
  SyncReport last = engine.syncApp("cases", false);
  ASSERT_TRUE(last.outcome.isOk()) << last.outcome.message();
  SyncReport reconciled = engine.reconcile("cases");
  ASSERT_TRUE(reconciled.outcome.isOk()) << reconciled.outcome.message();
  EXPECT_EQ(h.differences("cases", h.store()), "") << "seed " << seed;
}

}  // namespace
}  // namespace teichaku::sync::testing
