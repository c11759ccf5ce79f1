#pragma once

#include <optional>
#include <string>
#include <vector>

#include "directory_model.h"
#include "plan_model.h"

// Fingerprints of the directory fields one action touches: SHA-256 (OpenSSL) over the
// login, the field group and its values; an absent account hashes as "absent". Apply
// compares the directory now with `before` (still to do) and `after` (already done):
// anything else means someone changed the account since the plan was made.
namespace teichaku::accounts_plugin {

std::string sha256Hex(const std::string& data);

// `state` nullopt = no such account.
std::string actionFingerprint(Action action, const std::string& login,
                              const std::optional<AccountState>& state);
// Hash of the `before`s of an account's actions; and of every account's fingerprint.
std::string accountFingerprint(const std::vector<PlannedAction>& actions);
std::string planFingerprint(const std::vector<std::string>& accountFingerprints);

}  // namespace teichaku::accounts_plugin
