#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/cybozu/iso_time.h"
#include "emulator/cybozu/password_hash.h"

// The tenant's people: cybozu.com users, organizations, titles and groups, shared by
// the kintone, Garoon and User API emulators. Every user and organization carries two
// IDs because Garoon's IDs are not cybozu.com's; the only shared key is the code
// (garoon-cybozu-api.md A1 "Identifiers", A4). Thread-safe: one mutex, reads return
// copies, and a write batch is all-or-nothing (validated on a copy, then swapped in).
namespace teichaku::emulator::cybozu {

inline constexpr const char* kAdministratorCode = "Administrator";
inline constexpr const char* kAdministratorsGroup = "Administrators";
inline constexpr const char* kEveryoneGroup = "everyone";

struct DirectoryOptions {
  std::string adminPassword;
  // Disjoint ranges by default, so a client that mixes up the two ID spaces fails.
  std::int64_t firstUserId = 1;
  std::int64_t firstGaroonUserId = 1001;
  std::int64_t firstOrganizationId = 1;
  std::int64_t firstGaroonOrganizationId = 501;
  // Low on purpose: the hash only has to keep clear text out of memory, and tests
  // create many users.
  int pbkdf2Iterations = 1000;
  // update-users says an omitted `valid` means true (U-users/update-users); the
  // B3 table marks this doc-literal, so it can be turned off.
  bool putOmittedValidMeansTrue = true;
  Clock clock;  // defaults to system_clock::now
};

struct OrganizationMembership {
  std::string organizationId;  // cybozu.com organization id
  std::string titleCode;       // empty = no title
};

struct User {
  std::string id;
  std::string garoonId;
  std::string code;
  std::string name;
  bool valid = true;
  // Optional string attributes by API key (surName, email, birthDate, ...); absent = null.
  std::map<std::string, std::string> profile;
  std::set<std::string> services;  // kintone, garoon, office, mailwise, secure_access
  std::vector<OrganizationMembership> organizations;
  std::set<std::string> groupIds;
  std::string ctime;
  std::string mtime;
  PasswordHash password;
};

struct Organization {
  std::string id;
  std::string garoonId;
  std::string code;
  std::string name;
  std::string localName;
  std::string localNameLocale;
  std::string parentCode;  // empty = root
  std::string description;
};

struct Title {
  std::string id;
  std::string code;
  std::string name;
  std::string description;
};

struct Group {
  std::string id;
  std::string code;
  std::string name;
  std::string type = "static";  // static | dynamic
  std::string description;
};

// A rejected write: `field` is the request path of the bad item (users[2].code), the
// message is the Japanese text a user would see.
struct DirectoryError {
  std::string field;
  std::string message;
};
using WriteResult = std::optional<DirectoryError>;

struct UserInput {
  std::string code;
  std::optional<std::string> password;
  std::optional<std::string> name;
  std::optional<bool> valid;
  std::map<std::string, std::optional<std::string>> profile;  // nullopt clears
  std::optional<std::set<std::string>> services;
};

struct OrganizationInput {
  std::string code;
  std::optional<std::string> name;
  std::optional<std::string> localName;
  std::optional<std::string> localNameLocale;
  std::optional<std::string> parentCode;  // "" = root
  std::optional<std::string> description;
};

struct GroupInput {
  std::string code;
  std::optional<std::string> name;
  std::optional<std::string> type;
  std::optional<std::string> description;
};

struct CodeChange {
  std::string currentCode;
  std::string newCode;
};

struct MembershipInput {
  std::string orgCode;
  std::string titleCode;  // empty = no title
};

// One accepted write, for the control API: what kind and which codes, never values.
struct Change {
  std::int64_t sequence = 0;
  std::string time;
  std::string action;  // e.g. "users.add", "userOrganizations.replace"
  std::vector<std::string> codes;
};

enum class AuthResult { kOk, kUnknownUserOrPassword, kInactive };

class UserDirectory {
 public:
  explicit UserDirectory(DirectoryOptions options);

  // Back to only the built-in Administrator and groups (control API "reset").
  void reset();

  AuthResult authenticate(const std::string& login, const std::string& password) const;
  bool checkPassword(const std::string& login, const std::string& password) const;
  // Member of the Administrators group (the cybozu.com common administrators).
  bool isAdministrator(const std::string& login) const;

  std::optional<User> userByCode(const std::string& code) const;
  std::optional<User> userById(const std::string& id) const;
  std::optional<User> userByGaroonId(const std::string& garoonId) const;
  std::vector<User> users() const;  // by id ascending
  std::optional<Organization> organizationByCode(const std::string& code) const;
  std::optional<Organization> organizationById(const std::string& id) const;
  std::optional<Organization> organizationByGaroonId(const std::string& garoonId) const;
  std::vector<Organization> organizations() const;  // by id ascending
  std::optional<Title> titleByCode(const std::string& code) const;
  std::optional<Group> groupByCode(const std::string& code) const;
  std::optional<Group> groupById(const std::string& id) const;
  std::vector<Group> groups() const;                                        // by id ascending
  std::vector<User> usersOfOrganization(const std::string& orgCode) const;  // by id
  std::vector<User> usersOfGroup(const std::string& groupCode) const;       // by id
  std::vector<Change> changes() const;

  // Batches (the field prefix names the list in error paths, e.g. "users").
  WriteResult addUsers(const std::vector<UserInput>& inputs);
  WriteResult updateUsers(const std::vector<UserInput>& inputs);
  WriteResult deleteUsers(const std::vector<std::string>& codes);
  WriteResult changeUserCodes(const std::vector<CodeChange>& changes);
  WriteResult setUserServices(
      const std::vector<std::pair<std::string, std::set<std::string>>>& servicesByCode);
  // Full replace per user (update-users-departments).
  WriteResult setUserOrganizations(
      const std::vector<std::pair<std::string, std::vector<MembershipInput>>>& byCode);
  WriteResult setUserGroups(const std::string& userCode, const std::vector<std::string>& groups);
  WriteResult setGroupUsers(const std::string& groupCode, const std::vector<std::string>& users);

  WriteResult addOrganizations(const std::vector<OrganizationInput>& inputs);
  WriteResult updateOrganizations(const std::vector<OrganizationInput>& inputs);
  // Children are deleted with their parent (delete-organizations).
  WriteResult deleteOrganizations(const std::vector<std::string>& codes);
  WriteResult changeOrganizationCodes(const std::vector<CodeChange>& changes);

  WriteResult addGroups(const std::vector<GroupInput>& inputs);
  WriteResult updateGroups(const std::vector<GroupInput>& inputs);
  WriteResult deleteGroups(const std::vector<std::string>& codes);

  // Titles have no JSON API (B2 #23); they come only from seeding.
  WriteResult addTitles(const std::vector<Title>& titles);

 private:
  struct State {
    // Keyed by numeric id so iteration is the documented "sorted by id" order.
    std::map<std::int64_t, User> usersById;
    std::map<std::int64_t, Organization> organizationsById;
    std::map<std::string, Title> titlesByCode;
    std::map<std::int64_t, Group> groupsById;
    std::int64_t nextUserId = 0;
    std::int64_t nextGaroonUserId = 0;
    std::int64_t nextOrganizationId = 0;
    std::int64_t nextGaroonOrganizationId = 0;
    std::int64_t nextTitleId = 1;
    std::int64_t nextGroupId = 1;
    std::vector<Change> changes;
  };

  State initialState() const;
  std::string now() const;
  // Runs `change` on a copy of the state under the lock; keeps it only on success
  // and then appends the change-log entry.
  WriteResult apply(const std::string& action, std::vector<std::string> codes,
                    const std::function<WriteResult(State&)>& change);
  static User* findUser(State& state, const std::string& code);
  static Organization* findOrganization(State& state, const std::string& code);
  static Group* findGroup(State& state, const std::string& code);

  DirectoryOptions options_;
  mutable std::mutex mutex_;
  State state_;
};

}  // namespace teichaku::emulator::cybozu
