#include "rules/cybozu_centre_directory.h"

#include <algorithm>

#include "cybozu/cybozu_user_client.h"
#include "log/log.h"
#include "seed/centres.h"

namespace teichaku::rules {

namespace {

std::vector<CentreEntry> emptyEntries(const std::vector<CentreInfo>& centres) {
  std::vector<CentreEntry> entries;
  for (const auto& c : centres) {
    entries.push_back({c.name, c.organizationCode, {}});
  }
  return entries;
}

}  // namespace

std::vector<CentreInfo> standardCentres() {
  std::vector<CentreInfo> out;
  for (const auto& c : seed::centres()) {
    out.push_back({std::string(c.name), std::string(c.organization)});
  }
  return out;
}

CybozuCentreDirectory::CybozuCentreDirectory(cybozu::CybozuUserClient& client,
                                             std::vector<CentreInfo> centres)
    : client_(client), centres_(std::move(centres)), cache_(emptyEntries(centres_)) {}

Outcome CybozuCentreDirectory::refresh() {
  std::vector<CentreEntry> entries = emptyEntries(centres_);
  std::set<std::string> members;
  for (auto& entry : entries) {
    auto users = client_.getOrganizationUsers(entry.organizationCode);
    if (users.outcome.isRetry()) {
      log::warning("DIRECTORY_REFRESH_FAILED", {{"organization", entry.organizationCode},
                                                {"cause", users.outcome.messageId()}});
      return users.outcome;
    }
    if (!users.outcome.isOk()) {
      log::warning("DIRECTORY_CENTRE_UNAVAILABLE", {{"organization", entry.organizationCode},
                                                    {"cause", users.outcome.messageId()}});
      continue;
    }
    for (const auto& user : users.value) {
      if (user.valid) {
        entry.loginCodes.push_back(user.code);
        members.insert(user.code);
      }
    }
  }
  // Only Garoon users can receive a notice (B2 #10 users/services.json).
  auto services = client_.getUserServices(std::vector<std::string>(members.begin(), members.end()));
  if (!services.outcome.isOk()) {
    log::warning("DIRECTORY_REFRESH_FAILED", {{"cause", services.outcome.messageId()}});
    return services.outcome;
  }
  std::set<std::string> garoonUsers;
  for (const auto& s : services.value) {
    if (std::find(s.services.begin(), s.services.end(), "garoon") != s.services.end()) {
      garoonUsers.insert(s.code);
    }
  }
  for (auto& entry : entries) {
    std::erase_if(entry.loginCodes,
                  [&garoonUsers](const std::string& code) { return !garoonUsers.count(code); });
    std::sort(entry.loginCodes.begin(), entry.loginCodes.end());
  }
  std::lock_guard lock(mutex_);
  cache_ = StaticCentreDirectory(std::move(entries));
  return Outcome::ok();
}

bool CybozuCentreDirectory::isKnownCentre(const std::string& centreName) const {
  std::lock_guard lock(mutex_);
  return cache_.isKnownCentre(centreName);
}

std::optional<std::string> CybozuCentreDirectory::organizationCode(
    const std::string& centreName) const {
  std::lock_guard lock(mutex_);
  return cache_.organizationCode(centreName);
}

std::vector<std::string> CybozuCentreDirectory::staffLoginCodes(
    const std::string& centreName) const {
  std::lock_guard lock(mutex_);
  return cache_.staffLoginCodes(centreName);
}

std::optional<std::string> CybozuCentreDirectory::centreOfUser(const std::string& loginCode) const {
  std::lock_guard lock(mutex_);
  return cache_.centreOfUser(loginCode);
}

}  // namespace teichaku::rules
