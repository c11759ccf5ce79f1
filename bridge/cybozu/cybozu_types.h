#pragma once

#include <optional>
#include <string>
#include <vector>

// cybozu.com User API data (garoon-cybozu-api.md B2, B3) as typed structs. The
// cybozu.com ids here are not Garoon's ids; the two systems share only the login `code`
// (A1 "Identifiers").
namespace teichaku::cybozu {

struct CybozuUser {
  std::string id;
  std::string code;  // login name
  std::string name;
  bool valid = true;
  std::optional<std::string> surName;
  std::optional<std::string> givenName;
  std::optional<std::string> email;
  std::optional<std::string> locale;
  std::optional<std::string> timezone;
  std::optional<std::string> employeeNumber;
  std::optional<std::string> primaryOrganization;  // an organization id
  std::string ctime;
  std::string mtime;
};

// POST users.json needs code, password and name; PUT needs only code (B3 "User input").
// The password is written into the request body by the builder and nowhere else: no
// message, log line or error text ever includes it.
struct UserInput {
  std::string code;
  std::optional<std::string> password;
  std::optional<std::string> name;
  std::optional<bool> valid;
  std::optional<std::string> surName;
  std::optional<std::string> givenName;
  std::optional<std::string> email;
  std::optional<std::string> locale;
  std::optional<std::string> timezone;
  std::optional<std::string> employeeNumber;
};

struct Organization {
  std::string id;
  std::string code;
  std::string name;
  std::string parentCode;  // empty = root
  std::string description;
};

struct OrganizationInput {
  std::string code;
  std::string name;
  std::optional<std::string> parentCode;  // nullopt = root; list parents before children
  std::string description;
};

struct CodeChange {
  std::string currentCode;
  std::string newCode;
};

struct OrganizationAssignment {
  std::string organizationCode;
  std::string titleCode;  // empty = no title
};

// PUT userOrganizations.json replaces the user's whole list: organizations left out are
// removed, an empty list leaves the user in none (B2 #7, U-users/update-users-departments).
struct UserOrganizations {
  std::string code;
  std::vector<OrganizationAssignment> organizations;
};

struct UserOrganization {
  Organization organization;
  std::string titleCode;  // empty when the user has no title there
};

// kintone, garoon, office, mailwise, secure_access (B2 #11). PUT replaces the whole set;
// [] removes every service.
struct UserServices {
  std::string code;
  std::vector<std::string> services;
};

struct Group {
  std::string id;
  std::string code;
  std::string name;
  std::string description;
};

}  // namespace teichaku::cybozu
