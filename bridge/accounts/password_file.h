#pragma once

#include <string>
#include <vector>

// The files the secretariat hands passwords over with: one per centre, created with mode
// 0600 and never overwritten (a second file of the same name gets "-2", "-3", …). Each
// starts with a reminder that the password must be changed at first login — a
// cybozu.com tenant setting, since the User API has no per-user flag
// (garoon-cybozu-api.md B3 "Passwords and must change at next login").
namespace teichaku::accounts {

struct PasswordEntry {
  std::string login;
  std::string password;
};

struct PasswordFile {
  std::string centreCode;
  std::string centreName;
  std::string kind;  // "initial" (new accounts) or "rotated" (accounts rotate)
  std::vector<PasswordEntry> entries;
};

// Writes `file` into `directory` (created 0700 if missing) as
// <kind>-passwords-<centre>.csv and returns the path. Throws std::runtime_error
// (Japanese, no password) when the file cannot be written.
std::string writePasswordFile(const std::string& directory, const PasswordFile& file,
                              const std::string& createdAt);

// Groups entries by centre, in the order centres first appear.
class PasswordBook {
 public:
  void add(const std::string& kind, const std::string& centreCode, const std::string& centreName,
           PasswordEntry entry);
  const std::vector<PasswordFile>& files() const { return files_; }
  bool empty() const { return files_.empty(); }

 private:
  std::vector<PasswordFile> files_;
};

}  // namespace teichaku::accounts
