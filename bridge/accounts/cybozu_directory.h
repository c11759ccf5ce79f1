#pragma once

#include <functional>
#include <memory>
#include <string>

#include "accounts/directory.h"
#include "accounts/password_file.h"
#include "accounts/password_generator.h"
#include "accounts/user_profiles.h"
#include "cybozu/cybozu_user_client.h"

// The Directory over the cybozu.com User API (garoon-cybozu-api.md part B) with the
// common administrator's password. Creates get a generated password (RAND_bytes), kept
// only in the PasswordBook the caller writes to 0600 files; each change that succeeded
// is reported to `onApplied` (the audit log). A batch that fails is retried one person at
// a time, so one bad account is reported and the others still go through.
namespace teichaku::accounts {

class CybozuDirectory final : public Directory {
 public:
  using Applied = std::function<void(const DirectoryChange&)>;

  CybozuDirectory(const cybozu::CybozuClientConfig& config, PasswordBook& passwords,
                  Applied onApplied, RandomBytes random = opensslRandomBytes());

  Outcome snapshot(const std::vector<std::string>& codes, DirectorySnapshot& out) override;
  void apply(std::vector<DirectoryChange>& changes) override;

  // `accounts rotate`: new passwords for every account of `organizationCode` except
  // `keepLogin` (the administrator the bridge signs in as). The PasswordBook gets the
  // accounts whose password changed (kind "rotated"); `failed` the others. The caller
  // audits them.
  Outcome rotate(const std::string& organizationCode, const std::string& keepLogin,
                 const std::string& centreCode, std::vector<std::string>& failed);

 private:
  // Runs `write` over `items`; on failure retries the items not done one by one and
  // records each result.
  void inBatches(
      std::vector<DirectoryChange*>& items,
      const std::function<cybozu::BatchResult(const std::vector<DirectoryChange*>&)>& write);
  void create(std::vector<DirectoryChange*>& items);

  std::unique_ptr<cybozu::CybozuUserClient> client_;
  std::unique_ptr<UserProfiles> profiles_;
  PasswordBook& passwords_;
  Applied onApplied_;
  RandomBytes random_;
};

}  // namespace teichaku::accounts
