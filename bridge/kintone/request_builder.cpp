#include "kintone/request_builder.h"

#include <stdexcept>

#include "kintone/json_util.h"

namespace teichaku::kintone {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value stringArray(const std::vector<std::string>& items, Allocator& a) {
  rapidjson::Value array(rapidjson::kArrayType);
  for (const std::string& item : items) {
    array.PushBack(jsonString(item, a), a);
  }
  return array;
}

void requireArrayOfAtMost(const rapidjson::Value& value, std::size_t max, const char* what) {
  if (!value.IsArray()) {
    throw std::invalid_argument(std::string(what) + " は JSON 配列で渡してください。");
  }
  if (value.Size() > max) {
    throw std::invalid_argument(std::string(what) + " は 1 回 " + std::to_string(max) +
                                " 件までです。");
  }
}

std::string appFieldsBody(const std::string& app, const char* key, const rapidjson::Value& value,
                          const std::optional<std::string>& revision) {
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("app", jsonString(app, a), a);
  doc.AddMember(rapidjson::StringRef(key), rapidjson::Value(value, a), a);
  if (revision) {
    doc.AddMember("revision", jsonString(*revision, a), a);
  }
  return toJson(doc);
}

}  // namespace

RequestBuilder::RequestBuilder(Endpoint endpoint, AuthConfig auth, std::string userAgent)
    : endpoint_(std::move(endpoint)), auth_(std::move(auth)), userAgent_(std::move(userAgent)) {}

HttpRequest RequestBuilder::base(HttpMethod method, const std::string& url,
                                 const std::vector<std::string>& apps) const {
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.headers = authHeaders(auth_, apps);
  request.headers.push_back({"User-Agent", userAgent_});
  // Reads, and writes that replay to the same end state, are idempotent; POST is not.
  request.idempotent = method != HttpMethod::kPost;
  return request;
}

HttpRequest RequestBuilder::jsonRequest(HttpMethod method, const std::string& resource,
                                        bool preview, const std::vector<std::string>& apps,
                                        std::string body) const {
  HttpRequest request = base(method, apiUrl(endpoint_, resource, preview), apps);
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = std::move(body);
  if (!apps.empty()) {
    request.budgetApp = apps.front();
  }
  return request;
}

HttpRequest RequestBuilder::getRequest(const std::string& resource, bool preview,
                                       const std::vector<std::string>& apps,
                                       const QueryParams& params) const {
  std::string url = apiUrl(endpoint_, resource, preview);
  if (!params.empty()) {
    url += "?" + encodeQuery(params);
  }
  HttpRequest request = base(HttpMethod::kGet, url, apps);
  if (!apps.empty()) {
    request.budgetApp = apps.front();
  }
  return request;
}

HttpRequest RequestBuilder::getRecords(const std::string& app, const std::string& query,
                                       const std::vector<std::string>& fields,
                                       bool totalCount) const {
  QueryParams params{{"app", app}};
  if (!query.empty()) {
    params.emplace_back("query", query);
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    params.emplace_back("fields[" + std::to_string(i) + "]", fields[i]);
  }
  if (totalCount) {
    params.emplace_back("totalCount", "true");
  }
  HttpRequest request = getRequest("records", false, {app}, params);
  if (request.url.size() <= kMaxGetUrlLength) {
    return request;
  }
  // Too long for a URL: the same API through POST with X-HTTP-Method-Override
  // (kintone-api.md §1.2). Still a read, so still idempotent.
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("app", jsonString(app, a), a);
  doc.AddMember("query", jsonString(query, a), a);
  doc.AddMember("fields", stringArray(fields, a), a);
  doc.AddMember("totalCount", totalCount, a);
  HttpRequest post = jsonRequest(HttpMethod::kPost, "records", false, {app}, toJson(doc));
  post.headers.push_back({"X-HTTP-Method-Override", "GET"});
  post.idempotent = true;
  return post;
}

HttpRequest RequestBuilder::getRecord(const std::string& app, const std::string& id) const {
  return getRequest("record", false, {app}, {{"app", app}, {"id", id}});
}

HttpRequest RequestBuilder::addRecords(const std::string& app,
                                       const rapidjson::Value& records) const {
  requireArrayOfAtMost(records, kMaxWriteRecords, "追加するレコード");
  return jsonRequest(HttpMethod::kPost, "records", false, {app},
                     appFieldsBody(app, "records", records, std::nullopt));
}

HttpRequest RequestBuilder::updateRecords(const std::string& app, const rapidjson::Value& updates,
                                          bool upsert) const {
  requireArrayOfAtMost(updates, kMaxWriteRecords, "更新するレコード");
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("app", jsonString(app, a), a);
  if (upsert) {
    doc.AddMember("upsert", true, a);
  }
  doc.AddMember("records", rapidjson::Value(updates, a), a);
  return jsonRequest(HttpMethod::kPut, "records", false, {app}, toJson(doc));
}

HttpRequest RequestBuilder::deleteRecords(const std::string& app,
                                          const std::vector<std::string>& ids,
                                          const std::vector<std::string>& revisions) const {
  if (ids.empty() || ids.size() > kMaxWriteRecords) {
    throw std::invalid_argument("削除するレコードは 1 回 1〜100 件です。");
  }
  if (!revisions.empty() && revisions.size() != ids.size()) {
    throw std::invalid_argument("revisions は ids と同じ数だけ指定してください。");
  }
  QueryParams params{{"app", app}};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    params.emplace_back("ids[" + std::to_string(i) + "]", ids[i]);
  }
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    params.emplace_back("revisions[" + std::to_string(i) + "]", revisions[i]);
  }
  HttpRequest request = getRequest("records", false, {app}, params);
  request.method = HttpMethod::kDelete;
  return request;
}

HttpRequest RequestBuilder::createCursor(const std::string& app,
                                         const std::vector<std::string>& fields,
                                         const std::string& query, int size) const {
  if (size < 1 || static_cast<std::size_t>(size) > kMaxGetRecords) {
    throw std::invalid_argument("カーソルの size は 1〜500 です。");
  }
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("app", jsonString(app, a), a);
  if (!fields.empty()) {
    doc.AddMember("fields", stringArray(fields, a), a);
  }
  if (!query.empty()) {
    doc.AddMember("query", jsonString(query, a), a);
  }
  doc.AddMember("size", size, a);
  return jsonRequest(HttpMethod::kPost, "records/cursor", false, {app}, toJson(doc));
}

HttpRequest RequestBuilder::getCursor(const std::string& app, const std::string& cursorId) const {
  HttpRequest request = getRequest("records/cursor", false, {app}, {{"id", cursorId}});
  // A replayed cursor GET after a lost response would skip a page (the cursor has moved
  // on; reliability.md §3.4), so it is never retried automatically.
  request.idempotent = false;
  return request;
}

HttpRequest RequestBuilder::deleteCursor(const std::string& app,
                                         const std::string& cursorId) const {
  HttpRequest request = getRequest("records/cursor", false, {app}, {{"id", cursorId}});
  request.method = HttpMethod::kDelete;
  return request;
}

HttpRequest RequestBuilder::bulkRequest(const std::vector<BulkItem>& items) const {
  if (items.empty() || items.size() > kMaxBulkRequests) {
    throw std::invalid_argument("bulkRequest は 1 回 1〜20 件です。");
  }
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  rapidjson::Value requests(rapidjson::kArrayType);
  std::vector<std::string> apps;
  bool idempotent = true;
  for (const BulkItem& item : items) {
    rapidjson::Document payload;
    payload.Parse(item.payloadJson.data(), item.payloadJson.size());
    if (payload.HasParseError() || !payload.IsObject()) {
      throw std::invalid_argument("bulkRequest の payload が JSON オブジェクトではありません。");
    }
    rapidjson::Value request(rapidjson::kObjectType);
    request.AddMember("method", rapidjson::StringRef(toString(item.method)), a);
    request.AddMember("api", jsonString(apiPath(endpoint_, item.resource), a), a);
    request.AddMember("payload", rapidjson::Value(payload, a), a);
    requests.PushBack(request, a);
    apps.push_back(item.app);
    idempotent = idempotent && item.method != HttpMethod::kPost;
  }
  doc.AddMember("requests", requests, a);
  HttpRequest request = jsonRequest(HttpMethod::kPost, "bulkRequest", false, apps, toJson(doc));
  // All-or-nothing (kintone-api.md §3.1); replaying is safe when nothing in it adds.
  request.idempotent = idempotent;
  request.budgetApp.clear();  // bulkRequest is not counted per app (kintone-api.md §2)
  return request;
}

HttpRequest RequestBuilder::getFormFields(const std::string& app, bool preview) const {
  return getRequest("app/form/fields", preview, {app}, {{"app", app}});
}

HttpRequest RequestBuilder::addPreviewFormFields(const std::string& app,
                                                 const rapidjson::Value& properties,
                                                 const std::optional<std::string>& revision) const {
  return jsonRequest(HttpMethod::kPost, "app/form/fields", true, {app},
                     appFieldsBody(app, "properties", properties, revision));
}

HttpRequest RequestBuilder::updatePreviewFormFields(
    const std::string& app, const rapidjson::Value& properties,
    const std::optional<std::string>& revision) const {
  return jsonRequest(HttpMethod::kPut, "app/form/fields", true, {app},
                     appFieldsBody(app, "properties", properties, revision));
}

HttpRequest RequestBuilder::addPreviewApp(const std::string& name) const {
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("name", jsonString(name, a), a);
  if (endpoint_.guestSpaceId) {
    doc.AddMember("space", jsonString(*endpoint_.guestSpaceId, a), a);
  }
  return jsonRequest(HttpMethod::kPost, "app", true, {}, toJson(doc));
}

HttpRequest RequestBuilder::deployApps(const std::vector<DeployTarget>& targets,
                                       bool revert) const {
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  rapidjson::Value apps(rapidjson::kArrayType);
  std::vector<std::string> appIds;
  for (const DeployTarget& target : targets) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("app", jsonString(target.app, a), a);
    if (target.revision) {
      item.AddMember("revision", jsonString(*target.revision, a), a);
    }
    apps.PushBack(item, a);
    appIds.push_back(target.app);
  }
  doc.AddMember("apps", apps, a);
  if (revert) {
    doc.AddMember("revert", true, a);
  }
  HttpRequest request = jsonRequest(HttpMethod::kPost, "app/deploy", true, appIds, toJson(doc));
  request.idempotent = true;  // deploying the same settings twice ends in the same state
  return request;
}

HttpRequest RequestBuilder::getDeployStatus(const std::vector<std::string>& apps) const {
  QueryParams params;
  for (std::size_t i = 0; i < apps.size(); ++i) {
    params.emplace_back("apps[" + std::to_string(i) + "]", apps[i]);
  }
  return getRequest("app/deploy", true, apps, params);
}

HttpRequest RequestBuilder::getApps(int offset, int limit) const {
  HttpRequest request = getRequest(
      "apps", false, {}, {{"offset", std::to_string(offset)}, {"limit", std::to_string(limit)}});
  return request;
}

HttpRequest RequestBuilder::uploadFile(const std::string& app, MultipartFile file) const {
  HttpRequest request = base(HttpMethod::kPost, apiUrl(endpoint_, "file"), {app});
  request.file = std::move(file);
  return request;  // file APIs are not counted per app (kintone-api.md §2)
}

HttpRequest RequestBuilder::downloadFile(const std::string& app, const std::string& fileKey) const {
  HttpRequest request = getRequest("file", false, {app}, {{"fileKey", fileKey}});
  request.budgetApp.clear();
  return request;
}

}  // namespace teichaku::kintone
