#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

// The one place every log line passes through before it is written. Secrets are
// registered when they are read (tokens, passwords) and masked wherever they appear;
// keys that name personal fields (from the data mapping) have their values masked
// in structured fields. Nothing else decides what may be logged.
namespace teichaku::log {

inline constexpr const char* kMask = "[秘匿]";

class Redactor {
 public:
  // Values shorter than this are not registered: masking "1" everywhere would make
  // logs unreadable, and such a value is no secret worth the name.
  static constexpr std::size_t kMinSecretLength = 4;

  void addSecret(const std::string& value);
  // A field code or domain name whose values are personal (氏名, birth_date, …).
  void addPersonalKey(const std::string& key);

  bool isPersonalKey(const std::string& key) const;
  // Replaces every registered secret in `text` by kMask.
  std::string redact(std::string text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> secrets_;  // longest first, so overlapping ones mask fully
  std::set<std::string> personalKeys_;
};

}  // namespace teichaku::log
