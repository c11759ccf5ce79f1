#include "fingerprint.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace teichaku::accounts_plugin {
namespace {

// Length-prefixed, so "ab"+"c" and "a"+"bc" never hash alike.
void add(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

}  // namespace

const char* actionName(Action action) {
  switch (action) {
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "update";
    case Action::kMove:
      return "move";
    case Action::kSuspend:
      return "suspend";
    case Action::kDelete:
      return "delete";
    case Action::kReactivate:
      return "reactivate";
    case Action::kLicences:
      return "licences";
  }
  return "";
}

bool actionFromName(const std::string& name, Action& action) {
  for (Action a : {Action::kCreate, Action::kUpdate, Action::kMove, Action::kSuspend,
                   Action::kDelete, Action::kReactivate, Action::kLicences}) {
    if (name == actionName(a)) {
      action = a;
      return true;
    }
  }
  return false;
}

std::string sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 を計算できません（OpenSSL）。");
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string actionFingerprint(Action action, const std::string& login,
                              const std::optional<AccountState>& state) {
  std::string text;
  add(text, login);
  // Create and delete touch the account's existence; the others one group of fields.
  const char* group = action == Action::kCreate || action == Action::kDelete ? "presence"
                      : action == Action::kUpdate                            ? "profile"
                      : action == Action::kMove                              ? "organization"
                      : action == Action::kLicences                          ? "licences"
                                                                             : "valid";
  add(text, group);
  if (!state) {
    add(text, "absent");
    return sha256Hex(text);
  }
  add(text, "present");
  const AccountState& s = *state;
  switch (action) {
    case Action::kCreate:
    case Action::kDelete:
      break;
    case Action::kUpdate:
      for (const auto* field :
           {&s.name, &s.surName, &s.givenName, &s.surNameReading, &s.givenNameReading, &s.email}) {
        add(text, *field);
      }
      break;
    case Action::kMove:
      add(text, s.organization);
      break;
    case Action::kLicences:
      add(text, s.kintone ? "kintone" : "");
      add(text, s.garoon ? "garoon" : "");
      break;
    case Action::kSuspend:
    case Action::kReactivate:
      add(text, s.valid ? "valid" : "suspended");
      break;
  }
  return sha256Hex(text);
}

std::string accountFingerprint(const std::vector<PlannedAction>& actions) {
  std::string text;
  for (const auto& a : actions) {
    add(text, actionName(a.action));
    add(text, a.before);
  }
  return sha256Hex(text);
}

std::string planFingerprint(const std::vector<std::string>& accountFingerprints) {
  std::vector<std::string> sorted = accountFingerprints;
  std::sort(sorted.begin(), sorted.end());
  std::string text;
  for (const auto& f : sorted) {
    add(text, f);
  }
  return sha256Hex(text);
}

}  // namespace teichaku::accounts_plugin
