#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "cybozu/cybozu_user_client.h"
#include "garoon/retrying_sender.h"

// GET / POST / PUT /v1/users.json with the fields provisioning needs that
// cybozu::UserInput does not carry yet: the kana readings surNameReading and
// givenNameReading (garoon-cybozu-api.md B3 "User input", ≤64). Same requests, auth
// and retry rules as cybozu::CybozuUserClient (it reuses its request builder and
// classifier); writes go in batches of 100 (B2).
namespace teichaku::accounts {

struct Profile {
  std::string code;
  std::string name;
  std::string surName;
  std::string givenName;
  std::string surNameReading;
  std::string givenNameReading;
  std::string email;
  bool valid = true;
};

// Fields left nullopt are not sent. `valid` should always be sent on PUT: the docs say an
// omitted `valid` means true (B3), which would re-activate a suspended account.
struct ProfileWrite {
  std::string code;
  std::optional<std::string> password;
  std::optional<std::string> name;
  std::optional<std::string> surName;
  std::optional<std::string> givenName;
  std::optional<std::string> surNameReading;
  std::optional<std::string> givenNameReading;
  std::optional<std::string> email;
  std::optional<bool> valid;
};

class UserProfiles {
 public:
  explicit UserProfiles(const cybozu::CybozuClientConfig& config,
                        kintone::Backoff::Uniform01 uniform = kintone::defaultUniform01(),
                        garoon::RetryingSender::Sleeper sleeper = nullptr);

  cybozu::Fetched<std::vector<Profile>> readAll();
  cybozu::BatchResult add(const std::vector<ProfileWrite>& users);     // POST, not replayed
  cybozu::BatchResult update(const std::vector<ProfileWrite>& users);  // PUT, keyed by code

 private:
  cybozu::BatchResult write(const std::vector<ProfileWrite>& users, kintone::HttpMethod method,
                            bool idempotent);

  cybozu::UserApiRequests requests_;
  garoon::RetryingSender sender_;
};

// The JSON body {"users":[…]} of one batch (tested against hand-written JSON).
std::string profilesBody(const std::vector<ProfileWrite>& users);

}  // namespace teichaku::accounts
