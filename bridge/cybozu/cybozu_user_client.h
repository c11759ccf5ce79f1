#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "cybozu/cybozu_types.h"
#include "cybozu/user_api_requests.h"
#include "garoon/garoon_client.h"
#include "garoon/retrying_sender.h"
#include "kintone/auth.h"
#include "kintone/backoff.h"
#include "kintone/transport.h"

// The cybozu.com common management User API client (garoon-cybozu-api.md part B) with a
// common administrator's password (writes need one: B1 "Required privilege"). Lists are
// read in pages of 100 until a short page (the User API has no hasNext: emulator checklist
// 2); writes go in batches of 100 (B2). Each batch is one call; the whole list is not
// atomic, so a BatchResult says how many leading items were done. Thread-safe.
namespace teichaku::cybozu {

struct CybozuClientConfig {
  std::string baseUrl;  // https://example.cybozu.com
  kintone::PasswordAuth admin;
  std::optional<kintone::BasicAuth> basic;
  kintone::TransportConfig transport;
  kintone::RetryPolicy retry;
  std::string userAgent = "teichaku-bridge";
};

template <typename T>
using Fetched = garoon::Fetched<T>;

struct BatchResult {
  Outcome outcome = Outcome::ok();
  std::size_t itemsDone = 0;
  std::string errorCode;  // CB_… when cybozu.com named one
};

class CybozuUserClient {
 public:
  // Throws std::invalid_argument (Japanese, no secret) for a bad base URL.
  explicit CybozuUserClient(CybozuClientConfig config,
                            kintone::Backoff::Uniform01 uniform = kintone::defaultUniform01(),
                            garoon::RetryingSender::Sleeper sleeper = nullptr);

  // Every user, or the given codes (asked 100 codes at a time). Sorted by id per call.
  Fetched<std::vector<CybozuUser>> getUsers(const std::vector<std::string>& codes = {});
  BatchResult addUsers(const std::vector<UserInput>& users);     // POST, not replayed
  BatchResult updateUsers(const std::vector<UserInput>& users);  // PUT, keyed by code
  BatchResult deleteUsers(const std::vector<std::string>& codes);
  BatchResult changeUserCodes(const std::vector<CodeChange>& changes);

  Fetched<std::vector<Organization>> getOrganizations(const std::vector<std::string>& codes = {});
  BatchResult addOrganizations(const std::vector<OrganizationInput>& organizations);
  BatchResult updateOrganizations(const std::vector<OrganizationInput>& organizations);
  // Deleting a parent also deletes its children (B2 #15).
  BatchResult deleteOrganizations(const std::vector<std::string>& codes);
  Fetched<std::vector<CybozuUser>> getOrganizationUsers(const std::string& organizationCode);

  Fetched<std::vector<UserOrganization>> getUserOrganizations(const std::string& userCode);
  // Full replace per user: organizations not listed are removed (B2 #7). Read first and
  // send the whole wanted list.
  BatchResult setUserOrganizations(const std::vector<UserOrganizations>& assignments);

  Fetched<std::vector<UserServices>> getUserServices(const std::vector<std::string>& codes = {});
  // Full replace per user (B2 #11); services outside kintone, garoon, office, mailwise,
  // secure_access are refused before sending.
  BatchResult setUserServices(const std::vector<UserServices>& services);

  Fetched<std::vector<Group>> getGroups();

 private:
  // Pages of size 100 until a page is shorter; `listKey` names the array in the answer.
  template <typename Read>
  Outcome readPages(const std::function<kintone::HttpRequest(int size, int offset)>& build,
                    const char* listKey, Read read, std::string& errorCode);
  template <typename T>
  BatchResult writeInBatches(const std::vector<T>& items, kintone::HttpMethod method,
                             const std::string& resource, bool idempotent,
                             const std::function<std::string(const std::vector<T>&)>& body);

  UserApiRequests requests_;
  garoon::RetryingSender sender_;
};

}  // namespace teichaku::cybozu
