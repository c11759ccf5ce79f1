#include "emulator/cybozu/user_directory.h"

#include <algorithm>
#include <utility>

#include "emulator/cybozu/directory_errors.h"

namespace teichaku::emulator::cybozu {
using detail::at;
using detail::duplicate;
using detail::isBlank;
using detail::notFound;
using detail::required;

namespace {

const std::set<std::string> kKnownServices = {"kintone", "garoon", "office", "mailwise",
                                              "secure_access"};

template <typename T>
std::vector<T> values(const std::map<std::int64_t, T>& byId) {
  std::vector<T> result;
  result.reserve(byId.size());
  for (const auto& entry : byId) {
    result.push_back(entry.second);
  }
  return result;
}

template <typename T, typename Pred>
std::optional<T> findIf(const std::map<std::int64_t, T>& byId, Pred pred) {
  for (const auto& entry : byId) {
    if (pred(entry.second)) {
      return entry.second;
    }
  }
  return std::nullopt;
}

}  // namespace

UserDirectory::UserDirectory(DirectoryOptions options) : options_(std::move(options)) {
  if (!options_.clock) {
    options_.clock = [] { return std::chrono::system_clock::now(); };
  }
  state_ = initialState();
}

UserDirectory::State UserDirectory::initialState() const {
  State state;
  state.nextUserId = options_.firstUserId;
  state.nextGaroonUserId = options_.firstGaroonUserId;
  state.nextOrganizationId = options_.firstOrganizationId;
  state.nextGaroonOrganizationId = options_.firstGaroonOrganizationId;

  Group administrators;
  administrators.id = std::to_string(state.nextGroupId++);
  administrators.code = kAdministratorsGroup;
  administrators.name = kAdministratorsGroup;
  state.groupsById.emplace(std::stoll(administrators.id), administrators);
  // "everyone" holds every user by definition, so it is dynamic and never stored.
  Group everyone;
  everyone.id = std::to_string(state.nextGroupId++);
  everyone.code = kEveryoneGroup;
  everyone.name = kEveryoneGroup;
  everyone.type = "dynamic";
  state.groupsById.emplace(std::stoll(everyone.id), everyone);

  User admin;
  admin.id = std::to_string(state.nextUserId++);
  admin.garoonId = std::to_string(state.nextGaroonUserId++);
  admin.code = kAdministratorCode;
  admin.name = kAdministratorCode;
  admin.services = kKnownServices;
  admin.groupIds = {administrators.id};
  admin.ctime = admin.mtime = now();
  admin.password = hashPassword(options_.adminPassword, options_.pbkdf2Iterations);
  state.usersById.emplace(std::stoll(admin.id), admin);
  return state;
}

void UserDirectory::reset() {
  State fresh = initialState();
  std::lock_guard lock(mutex_);
  state_ = std::move(fresh);
}

std::string UserDirectory::now() const {
  return formatIsoUtc(options_.clock());
}

WriteResult UserDirectory::apply(const std::string& action, std::vector<std::string> codes,
                                 const std::function<WriteResult(State&)>& change) {
  std::lock_guard lock(mutex_);
  State draft = state_;
  if (auto error = change(draft)) {
    return error;
  }
  Change entry;
  entry.sequence = static_cast<std::int64_t>(draft.changes.size()) + 1;
  entry.time = now();
  entry.action = action;
  entry.codes = std::move(codes);
  draft.changes.push_back(std::move(entry));
  state_ = std::move(draft);
  return std::nullopt;
}

User* UserDirectory::findUser(State& state, const std::string& code) {
  for (auto& entry : state.usersById) {
    if (entry.second.code == code) {
      return &entry.second;
    }
  }
  return nullptr;
}

Organization* UserDirectory::findOrganization(State& state, const std::string& code) {
  for (auto& entry : state.organizationsById) {
    if (entry.second.code == code) {
      return &entry.second;
    }
  }
  return nullptr;
}

Group* UserDirectory::findGroup(State& state, const std::string& code) {
  for (auto& entry : state.groupsById) {
    if (entry.second.code == code) {
      return &entry.second;
    }
  }
  return nullptr;
}

AuthResult UserDirectory::authenticate(const std::string& login,
                                       const std::string& password) const {
  const auto user = userByCode(login);
  // PBKDF2 runs outside the lock: it is the slow part and needs no shared state.
  if (!user || !verifyPassword(user->password, password)) {
    return AuthResult::kUnknownUserOrPassword;
  }
  return user->valid ? AuthResult::kOk : AuthResult::kInactive;
}

bool UserDirectory::checkPassword(const std::string& login, const std::string& password) const {
  return authenticate(login, password) == AuthResult::kOk;
}

bool UserDirectory::isAdministrator(const std::string& login) const {
  const auto user = userByCode(login);
  const auto group = groupByCode(kAdministratorsGroup);
  return user && group && user->groupIds.count(group->id) > 0;
}

std::optional<User> UserDirectory::userByCode(const std::string& code) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.usersById, [&](const User& u) { return u.code == code; });
}

std::optional<User> UserDirectory::userById(const std::string& id) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.usersById, [&](const User& u) { return u.id == id; });
}

std::optional<User> UserDirectory::userByGaroonId(const std::string& garoonId) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.usersById, [&](const User& u) { return u.garoonId == garoonId; });
}

std::vector<User> UserDirectory::users() const {
  std::lock_guard lock(mutex_);
  return values(state_.usersById);
}

std::optional<Organization> UserDirectory::organizationByCode(const std::string& code) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.organizationsById, [&](const Organization& o) { return o.code == code; });
}

std::optional<Organization> UserDirectory::organizationById(const std::string& id) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.organizationsById, [&](const Organization& o) { return o.id == id; });
}

std::optional<Organization> UserDirectory::organizationByGaroonId(
    const std::string& garoonId) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.organizationsById,
                [&](const Organization& o) { return o.garoonId == garoonId; });
}

std::vector<Organization> UserDirectory::organizations() const {
  std::lock_guard lock(mutex_);
  return values(state_.organizationsById);
}

std::optional<Title> UserDirectory::titleByCode(const std::string& code) const {
  std::lock_guard lock(mutex_);
  auto it = state_.titlesByCode.find(code);
  return it == state_.titlesByCode.end() ? std::nullopt : std::optional<Title>(it->second);
}

std::optional<Group> UserDirectory::groupByCode(const std::string& code) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.groupsById, [&](const Group& g) { return g.code == code; });
}

std::optional<Group> UserDirectory::groupById(const std::string& id) const {
  std::lock_guard lock(mutex_);
  return findIf(state_.groupsById, [&](const Group& g) { return g.id == id; });
}

std::vector<Group> UserDirectory::groups() const {
  std::lock_guard lock(mutex_);
  return values(state_.groupsById);
}

std::vector<User> UserDirectory::usersOfOrganization(const std::string& orgCode) const {
  std::lock_guard lock(mutex_);
  std::vector<User> result;
  const auto org =
      findIf(state_.organizationsById, [&](const Organization& o) { return o.code == orgCode; });
  if (!org) {
    return result;
  }
  for (const auto& [id, user] : state_.usersById) {
    for (const auto& membership : user.organizations) {
      if (membership.organizationId == org->id) {
        result.push_back(user);
        break;
      }
    }
  }
  return result;
}

std::vector<User> UserDirectory::usersOfGroup(const std::string& groupCode) const {
  std::lock_guard lock(mutex_);
  std::vector<User> result;
  const auto group = findIf(state_.groupsById, [&](const Group& g) { return g.code == groupCode; });
  if (!group) {
    return result;
  }
  for (const auto& [id, user] : state_.usersById) {
    if (group->code == kEveryoneGroup || user.groupIds.count(group->id) > 0) {
      result.push_back(user);
    }
  }
  return result;
}

std::vector<Change> UserDirectory::changes() const {
  std::lock_guard lock(mutex_);
  return state_.changes;
}

// ---- users -------------------------------------------------------------------

namespace {

WriteResult applyUserFields(User& user, const UserInput& input, const std::string& path,
                            int iterations) {
  if (input.name) {
    if (input.name->empty() || isBlank(*input.name)) {
      return required(path + ".name");
    }
    user.name = *input.name;
  }
  if (input.password) {
    if (input.password->empty()) {
      return required(path + ".password");
    }
    user.password = hashPassword(*input.password, iterations);
  }
  for (const auto& [key, value] : input.profile) {
    if (value) {
      user.profile[key] = *value;
    } else {
      user.profile.erase(key);
    }
  }
  if (input.services) {
    for (const auto& service : *input.services) {
      if (kKnownServices.count(service) == 0) {
        return DirectoryError{path + ".services", "指定できない値です。"};
      }
    }
    user.services = *input.services;
  }
  return std::nullopt;
}

std::vector<std::string> codesOf(const std::vector<UserInput>& inputs) {
  std::vector<std::string> codes;
  for (const auto& input : inputs) {
    codes.push_back(input.code);
  }
  return codes;
}

}  // namespace

WriteResult UserDirectory::addUsers(const std::vector<UserInput>& inputs) {
  return apply("users.add", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& input = inputs[i];
      const std::string path = at("users", i, "");
      if (input.code.empty() || isBlank(input.code)) {
        return required(path + ".code");
      }
      if (findUser(state, input.code) != nullptr) {
        return duplicate(path + ".code");
      }
      if (!input.name) {
        return required(path + ".name");
      }
      if (!input.password) {
        return required(path + ".password");
      }
      User user;
      user.code = input.code;
      user.valid = input.valid.value_or(true);
      if (auto error = applyUserFields(user, input, path, options_.pbkdf2Iterations)) {
        return error;
      }
      user.id = std::to_string(state.nextUserId++);
      user.garoonId = std::to_string(state.nextGaroonUserId++);
      user.ctime = user.mtime = now();
      state.usersById.emplace(std::stoll(user.id), std::move(user));
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::updateUsers(const std::vector<UserInput>& inputs) {
  return apply("users.update", codesOf(inputs), [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& input = inputs[i];
      const std::string path = at("users", i, "");
      User* user = findUser(state, input.code);
      if (user == nullptr) {
        return notFound(path + ".code");
      }
      if (auto error = applyUserFields(*user, input, path, options_.pbkdf2Iterations)) {
        return error;
      }
      if (input.valid) {
        user->valid = *input.valid;
      } else if (options_.putOmittedValidMeansTrue) {
        user->valid = true;
      }
      user->mtime = now();
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::deleteUsers(const std::vector<std::string>& codes) {
  return apply("users.delete", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      User* user = findUser(state, codes[i]);
      if (user == nullptr) {
        return notFound(at("codes", i, ""));
      }
      if (user->code == kAdministratorCode) {
        return DirectoryError{at("codes", i, ""), "このユーザーは削除できません。"};
      }
      state.usersById.erase(std::stoll(user->id));
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::changeUserCodes(const std::vector<CodeChange>& changes) {
  std::vector<std::string> codes;
  for (const auto& change : changes) {
    codes.push_back(change.currentCode + "->" + change.newCode);
  }
  return apply("users.codes", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < changes.size(); ++i) {
      User* user = findUser(state, changes[i].currentCode);
      if (user == nullptr) {
        return notFound(at("codes", i, "currentCode"));
      }
      if (changes[i].newCode.empty() || isBlank(changes[i].newCode)) {
        return required(at("codes", i, "newCode"));
      }
      if (changes[i].newCode != user->code && findUser(state, changes[i].newCode) != nullptr) {
        return duplicate(at("codes", i, "newCode"));
      }
      user->code = changes[i].newCode;
      user->mtime = now();
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::setUserServices(
    const std::vector<std::pair<std::string, std::set<std::string>>>& servicesByCode) {
  std::vector<std::string> codes;
  for (const auto& entry : servicesByCode) {
    codes.push_back(entry.first);
  }
  return apply("users.services", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < servicesByCode.size(); ++i) {
      User* user = findUser(state, servicesByCode[i].first);
      if (user == nullptr) {
        return notFound(at("users", i, "code"));
      }
      for (const auto& service : servicesByCode[i].second) {
        if (kKnownServices.count(service) == 0) {
          return DirectoryError{at("users", i, "services"), "指定できない値です。"};
        }
      }
      user->services = servicesByCode[i].second;
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::setUserOrganizations(
    const std::vector<std::pair<std::string, std::vector<MembershipInput>>>& byCode) {
  std::vector<std::string> codes;
  for (const auto& entry : byCode) {
    codes.push_back(entry.first);
  }
  return apply("userOrganizations.replace", codes, [&](State& state) -> WriteResult {
    for (std::size_t i = 0; i < byCode.size(); ++i) {
      User* user = findUser(state, byCode[i].first);
      if (user == nullptr) {
        return notFound(at("userOrganizations", i, "code"));
      }
      std::vector<OrganizationMembership> memberships;
      for (std::size_t j = 0; j < byCode[i].second.size(); ++j) {
        const auto& input = byCode[i].second[j];
        const std::string path = at("userOrganizations", i, "") + "." + at("organizations", j, "");
        if (input.orgCode.empty()) {
          return required(path + ".orgCode");
        }
        const Organization* org = findOrganization(state, input.orgCode);
        if (org == nullptr) {
          return notFound(path + ".orgCode");
        }
        if (!input.titleCode.empty() && state.titlesByCode.count(input.titleCode) == 0) {
          return notFound(path + ".titleCode");
        }
        memberships.push_back({org->id, input.titleCode});
      }
      user->organizations = std::move(memberships);
    }
    return std::nullopt;
  });
}

WriteResult UserDirectory::setUserGroups(const std::string& userCode,
                                         const std::vector<std::string>& groups) {
  return apply("userGroups.replace", {userCode}, [&](State& state) -> WriteResult {
    User* user = findUser(state, userCode);
    if (user == nullptr) {
      return notFound("code");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const Group* group = findGroup(state, groups[i]);
      if (group == nullptr) {
        return notFound(at("groups", i, ""));
      }
      // Dynamic groups compute their members (update-users-groups).
      if (group->type != "static") {
        return DirectoryError{at("groups", i, ""), "動的グループは指定できません。"};
      }
      ids.insert(group->id);
    }
    user->groupIds = std::move(ids);
    return std::nullopt;
  });
}

WriteResult UserDirectory::setGroupUsers(const std::string& groupCode,
                                         const std::vector<std::string>& users) {
  return apply("groupUsers.replace", {groupCode}, [&](State& state) -> WriteResult {
    const Group* group = findGroup(state, groupCode);
    if (group == nullptr) {
      return notFound("code");
    }
    if (group->type != "static") {
      return DirectoryError{"code", "動的グループは指定できません。"};
    }
    std::set<std::string> members;
    for (std::size_t i = 0; i < users.size(); ++i) {
      if (findUser(state, users[i]) == nullptr) {
        return notFound(at("users", i, ""));
      }
      members.insert(users[i]);
    }
    for (auto& [id, user] : state.usersById) {
      if (members.count(user.code) > 0) {
        user.groupIds.insert(group->id);
      } else {
        user.groupIds.erase(group->id);
      }
    }
    return std::nullopt;
  });
}

}  // namespace teichaku::emulator::cybozu
