#include "accounts/password_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace teichaku::accounts {
namespace {

// Only letters, digits, '-' and '_' of the centre code go into the file name.
std::string safeName(const std::string& code) {
  std::string out;
  for (char c : code) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? "centre" : out;
}

std::string content(const PasswordFile& file, const std::string& createdAt) {
  std::string text;
  text += "# " + file.centreName + "（" + file.centreCode + "）の" +
          (file.kind == "rotated" ? "再発行した" : "初期") + "パスワード " + createdAt + "\n";
  text +=
      "# 初回ログイン時に必ずパスワードを変更してください。cybozu.com 共通管理の"
      "「管理者が設定した仮パスワードの変更をユーザーに要求する」が有効であることを確認してください。\n";
  text += "# 本人に渡したらこのファイルは削除してください。\n";
  text += "ログイン名,パスワード\n";
  for (const auto& e : file.entries) {
    text += e.login + "," + e.password + "\n";
  }
  return text;
}

}  // namespace

std::string writePasswordFile(const std::string& directory, const PasswordFile& file,
                              const std::string& createdAt) {
  std::error_code error;
  if (!std::filesystem::exists(directory)) {
    std::filesystem::create_directories(directory, error);
    if (!error) {
      std::filesystem::permissions(directory, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, error);
    }
    if (error) {
      throw std::runtime_error("フォルダ " + directory + " を作成できません（" + error.message() +
                               "）。");
    }
  }
  const std::string base =
      (std::filesystem::path(directory) / (file.kind + "-passwords-" + safeName(file.centreCode)))
          .string();
  const std::string text = content(file, createdAt);
  for (int n = 1; n < 1000; ++n) {
    const std::string path = base + (n == 1 ? "" : "-" + std::to_string(n)) + ".csv";
    // O_EXCL: never overwrite a file the secretariat may not have handed over yet.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) {
      continue;
    }
    if (fd < 0) {
      throw std::runtime_error("パスワードファイル " + path + " を作成できません（" +
                               std::strerror(errno) + "）。");
    }
    const bool ok = ::fchmod(fd, 0600) == 0 &&
                    ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int savedErrno = errno;
    if (::close(fd) != 0 || !ok) {
      throw std::runtime_error("パスワードファイル " + path + " を書けません（" +
                               std::strerror(savedErrno) + "）。");
    }
    return path;
  }
  throw std::runtime_error("パスワードファイルの名前が尽きました: " + base);
}

void PasswordBook::add(const std::string& kind, const std::string& centreCode,
                       const std::string& centreName, PasswordEntry entry) {
  for (auto& f : files_) {
    if (f.kind == kind && f.centreCode == centreCode) {
      f.entries.push_back(std::move(entry));
      return;
    }
  }
  files_.push_back({centreCode, centreName, kind, {std::move(entry)}});
}

}  // namespace teichaku::accounts
