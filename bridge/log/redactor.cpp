#include "log/redactor.h"

#include <algorithm>

namespace teichaku::log {

void Redactor::addSecret(const std::string& value) {
  if (value.size() < kMinSecretLength) {
    return;
  }
  std::lock_guard lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end()) {
    return;
  }
  secrets_.push_back(value);
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Redactor::addPersonalKey(const std::string& key) {
  std::lock_guard lock(mutex_);
  personalKeys_.insert(key);
}

bool Redactor::isPersonalKey(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return personalKeys_.count(key) != 0;
}

std::string Redactor::redact(std::string text) const {
  std::lock_guard lock(mutex_);
  for (const auto& secret : secrets_) {
    std::size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      text.replace(pos, secret.size(), kMask);
      pos += std::char_traits<char>::length(kMask);
    }
  }
  return text;
}

}  // namespace teichaku::log
