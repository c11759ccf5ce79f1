#include "daemon/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

namespace teichaku::daemon {
namespace {

pid_t readPid(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) {
    return 0;
  }
  try {
    return static_cast<pid_t>(std::stol(std::string(buffer, static_cast<std::size_t>(n))));
  } catch (const std::exception&) {
    return 0;  // not written yet, or not ours: the message then names only the file
  }
}

}  // namespace

std::string lockPathFor(const std::string& dataDir) {
  return dataDir + "/teichaku-bridge.lock";
}

std::optional<InstanceLock> InstanceLock::acquire(const std::string& path, pid_t& holderPid) {
  holderPid = 0;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("ロックファイル " + path + " を開けません（" + std::strerror(errno) +
                             "）。データフォルダの権限を確認してください。");
  }
  InstanceLock lock(fd, path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      holderPid = readPid(fd);
      return std::nullopt;
    }
    throw std::runtime_error("ロックファイル " + path + " をロックできません（" +
                             std::strerror(errno) + "）。");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    throw std::runtime_error("ロックファイル " + path + " に書き込めません（" +
                             std::strerror(errno) + "）。");
  }
  return lock;
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

InstanceLock::~InstanceLock() {
  // Closing the descriptor releases the flock; the file stays (removing it would race
  // with a starting instance that already opened it).
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

}  // namespace teichaku::daemon
