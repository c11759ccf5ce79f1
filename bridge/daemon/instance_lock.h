#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

// One `run` per data folder: flock(LOCK_EX | LOCK_NB) on <data_dir>/teichaku-bridge.lock,
// held for the life of the process (the kernel drops it when the process ends, even on
// SIGKILL, so a stale lock never blocks a restart). The holder writes its pid into the
// file so the refused instance can name it.
namespace teichaku::daemon {

class InstanceLock {
 public:
  // The lock, or nullopt when another process holds it; `holderPid` is then the pid
  // written in the file (0 when unreadable). Throws std::runtime_error (Japanese) when
  // the file cannot be opened at all.
  static std::optional<InstanceLock> acquire(const std::string& path, pid_t& holderPid);

  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();

  const std::string& path() const { return path_; }

 private:
  InstanceLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// The lock file's name inside the data folder.
std::string lockPathFor(const std::string& dataDir);

}  // namespace teichaku::daemon
