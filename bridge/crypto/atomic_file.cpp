#include "crypto/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace teichaku::crypto {
namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  int get() const { return fd_; }
  // close() reports delayed write errors, so it is checked on the success path.
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::string& path, const char* step) {
  throw std::runtime_error("ファイル " + path + " の" + step +
                           "に失敗しました: " + std::strerror(errno));
}

void writeAll(int fd, const std::string& content, const std::string& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail(path, "書き込み");
    }
    done += static_cast<std::size_t>(n);
  }
}

void writeAndSync(const std::string& path, int flags, const std::string& content, mode_t mode) {
  FileDescriptor fd(::open(path.c_str(), flags | O_WRONLY | O_CLOEXEC, mode));
  if (fd.get() < 0)
    fail(path, "作成");
  // The umask may have removed bits but never adds them; fchmod makes the mode exact.
  if (::fchmod(fd.get(), mode) != 0)
    fail(path, "権限設定");
  writeAll(fd.get(), content, path);
  if (::fsync(fd.get()) != 0)
    fail(path, "同期");
  if (!fd.close())
    fail(path, "クローズ");
}

void syncDirectoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0)
    fail(dir, "同期");
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& content, mode_t mode) {
  const std::string temp = path + ".tmp";
  ::unlink(temp.c_str());  // a leftover from a crash; absence is the normal case
  writeAndSync(temp, O_CREAT | O_EXCL, content, mode);
  if (::rename(temp.c_str(), path.c_str()) != 0)
    fail(path, "置き換え");
  syncDirectoryOf(path);
}

void createFileExclusively(const std::string& path, const std::string& content, mode_t mode) {
  writeAndSync(path, O_CREAT | O_EXCL, content, mode);
  syncDirectoryOf(path);
}

}  // namespace teichaku::crypto
