#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "emulator/cybozu/json_io.h"
#include "emulator/cybozu/user_directory.h"
#include "emulator/service.h"

// cybozu.com common management "User API" (/v1/*.json) over a shared UserDirectory
// (garoon-cybozu-api.md part B). Password auth only (X-Cybozu-Authorization): any
// authenticated user may read, writes need a common administrator (B1 "Required
// privilege"). Writes answer {} (B2); errors use the platform shape
// {"code","id","message","errors"} (B1 "Error shape", INFERRED there) and the
// X-Cybozu-Error header.
//
// Control API:
//   GET  /__emulator/cybozu/changes  -> {"changes":[{sequence,time,action,codes}]}
//   POST /__emulator/cybozu/seed     <- {"organizations":[...],"titles":[...],
//        "groups":[...],"users":[{...User API fields, "services":[...],
//        "organizations":[{"orgCode","titleCode"}],"groups":["code"]}]}
//   POST /__emulator/cybozu/reset    -> back to the built-in Administrator only
namespace teichaku::emulator::cybozu {

struct UserApiLimits {
  std::size_t itemsPerWrite = 100;         // B2: 100 per call
  std::size_t groupMembersPerCall = 1000;  // B2 #9, #22
  std::size_t maxPageSize = 100;           // B2 #1 size 1-100
};

// Thrown inside the service to leave a handler with an error response.
struct UserApiError {
  int status = 400;
  std::string code;
  std::string message;
  std::map<std::string, std::string> fieldErrors;  // path -> message
};

class CybozuUserService : public Service {
 public:
  explicit CybozuUserService(std::shared_ptr<UserDirectory> directory, UserApiLimits limits = {});

  bool owns(const Request& request) const override;
  Response handle(const Request& request) override;
  void reset() override;
  bool handleControl(const Request& request, Response& response) override;

  // One parsed request (params, body, caller); defined in user_api_support.h.
  struct Call;

 private:
  Response dispatch(Call& call);
  Response errorResponse(const UserApiError& error);

  Response getUsers(Call& call);
  Response addUsers(Call& call);
  Response updateUsers(Call& call);
  Response deleteUsers(Call& call);
  Response changeUserCodes(Call& call);
  Response getUserOrganizations(Call& call);
  Response putUserOrganizations(Call& call);
  Response getUserGroups(Call& call);
  Response putUserGroups(Call& call);
  Response getUserServices(Call& call);
  Response putUserServices(Call& call);
  Response getOrganizations(Call& call);
  Response addOrganizations(Call& call);
  Response updateOrganizations(Call& call);
  Response deleteOrganizations(Call& call);
  Response changeOrganizationCodes(Call& call);
  Response getOrganizationUsers(Call& call);
  Response getGroups(Call& call);
  Response addGroups(Call& call);
  Response updateGroups(Call& call);
  Response deleteGroups(Call& call);
  Response getGroupUsers(Call& call);
  Response putGroupUsers(Call& call);

  Response seed(const Request& request);
  Response changes();

  std::shared_ptr<UserDirectory> directory_;
  UserApiLimits limits_;
  std::atomic<std::uint64_t> errorSequence_{0};
};

}  // namespace teichaku::emulator::cybozu
