#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kintone/auth.h"
#include "kintone/http_types.h"
#include "kintone/url.h"

// Pure functions from API arguments to HttpRequest: testable without a server. Endpoint
// shapes follow kintone-api.md §3; sizes §2. Throws AuthError for credential problems and
// std::invalid_argument for arguments kintone would reject anyway (too many records).
namespace teichaku::kintone {

inline constexpr std::size_t kMaxGetRecords = 500;
inline constexpr std::size_t kMaxWriteRecords = 100;
inline constexpr std::size_t kMaxBulkRequests = 20;
// The official client switches GET to POST + X-HTTP-Method-Override above this URL length
// (kintone-api.md §1.3; kintone's own limit is 8 KB).
inline constexpr std::size_t kMaxGetUrlLength = 4096;

struct BulkItem {
  HttpMethod method;
  std::string resource;  // e.g. "records"
  std::string app;       // whose token the sub-request needs
  std::string payloadJson;
};

struct DeployTarget {
  std::string app;
  std::optional<std::string> revision;
};

class RequestBuilder {
 public:
  RequestBuilder(Endpoint endpoint, AuthConfig auth, std::string userAgent);

  HttpRequest getRecords(const std::string& app, const std::string& query,
                         const std::vector<std::string>& fields, bool totalCount) const;
  HttpRequest getRecord(const std::string& app, const std::string& id) const;
  // records: a JSON array of kintone record objects, at most 100.
  HttpRequest addRecords(const std::string& app, const rapidjson::Value& records) const;
  // updates: a JSON array of {id|updateKey, record, revision?}, at most 100.
  HttpRequest updateRecords(const std::string& app, const rapidjson::Value& updates,
                            bool upsert) const;
  // revisions: empty, or one per id ("-1" skips the check).
  HttpRequest deleteRecords(const std::string& app, const std::vector<std::string>& ids,
                            const std::vector<std::string>& revisions) const;

  HttpRequest createCursor(const std::string& app, const std::vector<std::string>& fields,
                           const std::string& query, int size) const;
  HttpRequest getCursor(const std::string& app, const std::string& cursorId) const;
  HttpRequest deleteCursor(const std::string& app, const std::string& cursorId) const;

  HttpRequest bulkRequest(const std::vector<BulkItem>& items) const;

  HttpRequest getFormFields(const std::string& app, bool preview) const;
  HttpRequest addPreviewFormFields(const std::string& app, const rapidjson::Value& properties,
                                   const std::optional<std::string>& revision) const;
  HttpRequest updatePreviewFormFields(const std::string& app, const rapidjson::Value& properties,
                                      const std::optional<std::string>& revision) const;
  // POST preview/app.json: a new app (not live until deployed). Not idempotent: a
  // retry after an unknown outcome could create a second app (kintone-api.md §3.3).
  HttpRequest addPreviewApp(const std::string& name) const;
  HttpRequest deployApps(const std::vector<DeployTarget>& targets, bool revert) const;
  HttpRequest getDeployStatus(const std::vector<std::string>& apps) const;
  // apps.json does not accept API tokens (kintone-api.md §1.2): password auth is needed.
  HttpRequest getApps(int offset, int limit) const;

  HttpRequest uploadFile(const std::string& app, MultipartFile file) const;
  HttpRequest downloadFile(const std::string& app, const std::string& fileKey) const;

  const Endpoint& endpoint() const { return endpoint_; }

 private:
  HttpRequest base(HttpMethod method, const std::string& url,
                   const std::vector<std::string>& apps) const;
  HttpRequest jsonRequest(HttpMethod method, const std::string& resource, bool preview,
                          const std::vector<std::string>& apps, std::string body) const;
  HttpRequest getRequest(const std::string& resource, bool preview,
                         const std::vector<std::string>& apps, const QueryParams& params) const;

  Endpoint endpoint_;
  AuthConfig auth_;
  std::string userAgent_;
};

}  // namespace teichaku::kintone
