#include "daemon/instance_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace teichaku::daemon {
namespace {

// Runs InstanceLock::acquire in a child process (a second `run` is another process) and
// returns what the child saw: "held <pid>" or "acquired".
std::string tryInChild(const std::string& path) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    pid_t holder = 0;
    auto lock = InstanceLock::acquire(path, holder);
    const std::string answer = lock ? "acquired" : "held " + std::to_string(holder);
    (void)!::write(fds[1], answer.data(), answer.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string answer;
  char buffer[64];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) {
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return answer;
}

TEST(InstanceLock, ASecondProcessIsRefusedAndToldTheHoldersPid) {
  testing::TempDir dir;
  const std::string path = lockPathFor(dir.path().string());
  EXPECT_EQ(path, dir.path().string() + "/teichaku-bridge.lock");
  pid_t holder = -1;
  auto lock = InstanceLock::acquire(path, holder);
  ASSERT_TRUE(lock.has_value());
  EXPECT_EQ(tryInChild(path), "held " + std::to_string(::getpid()));
  std::ifstream file(path);
  std::string written;
  std::getline(file, written);
  EXPECT_EQ(written, std::to_string(::getpid()));
}

TEST(InstanceLock, IsFreeAgainOnceTheHolderIsGone) {
  testing::TempDir dir;
  const std::string path = lockPathFor(dir.path().string());
  {
    pid_t holder = 0;
    auto lock = InstanceLock::acquire(path, holder);
    ASSERT_TRUE(lock.has_value());
    auto moved = std::move(*lock);  // a moved-from lock must not release it
    lock.reset();
    EXPECT_EQ(tryInChild(path), "held " + std::to_string(::getpid()));
  }
  EXPECT_EQ(tryInChild(path), "acquired");
}

TEST(InstanceLock, AnUnwritableFolderIsAnErrorNotARefusal) {
  pid_t holder = 0;
  EXPECT_THROW(InstanceLock::acquire("/nonexistent-folder-for-test/teichaku-bridge.lock", holder),
               std::runtime_error);
}

}  // namespace
}  // namespace teichaku::daemon
