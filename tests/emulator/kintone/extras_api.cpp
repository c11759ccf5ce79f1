// Files, comments, process management (kintone-api.md §3.1, §3.2).
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>

#include "core/json.h"
#include "kintone/engine.h"
#include "kintone/time_format.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

class FilePartHandler : public Poco::Net::PartHandler {
 public:
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection parameters;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              parameters);
    if (parameters.get("name", "") != "file") {
      return;  // the part must be named "file" (DOC:upload-file)
    }
    found = true;
    name = parameters.get("filename", "");
    contentType = header.get("Content-Type", "application/octet-stream");
    Poco::StreamCopier::copyToString(stream, bytes);
  }

  bool found = false;
  std::string name;
  std::string contentType;
  std::string bytes;
};

std::string userJson(const Actor& actor) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::kv(w, "code", actor.code);
  json::kv(w, "name", actor.name);
  w.EndObject();
  return buffer.GetString();
}

std::string commentJson(const Comment& c) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::kv(w, "id", std::to_string(c.id));
  json::kv(w, "text", c.text);
  json::kv(w, "createdAt", c.createdAt);
  json::key(w, "creator");
  w.StartObject();
  json::kv(w, "code", c.creatorCode);
  json::kv(w, "name", c.creatorName);
  w.EndObject();
  json::key(w, "mentions");
  w.RawValue(c.mentionsJson.c_str(), c.mentionsJson.size(), rapidjson::kArrayType);
  w.EndObject();
  return buffer.GetString();
}

// Code of the app's field of `type` (STATUS fields are addressed by name, kintone-api.md §4).
std::string fieldCodeOfType(const App& app, std::string_view type) {
  for (const auto& m : app.live.fields->GetObject()) {
    if (json::asString(json::member(m.value, "type")).value_or("") == type) {
      return m.name.GetString();
    }
  }
  return {};
}

}  // namespace

Response Engine::uploadFile(Call& call) {
  const std::string* type = call.raw->header("content-type");
  if (type == nullptr || type->find("multipart/form-data") == std::string::npos) {
    failInput("file", "必須です。");
  }
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/");
  request.setContentType(*type);
  std::istringstream body(call.raw->body);
  FilePartHandler handler;
  try {
    Poco::Net::HTMLForm form;
    form.load(request, body, handler);
  } catch (const Poco::Exception&) {
    fail(400, "CB_IJ01", "不正なリクエストです。");
  }
  if (!handler.found) {
    failInput("file", "必須です。");
  }
  std::string key = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  state_.uploads[key] = StoredFile{handler.name, handler.contentType,
                                   std::make_shared<const std::string>(std::move(handler.bytes)),
                                   std::chrono::system_clock::now()};
  return jsonResponse("{\"fileKey\":\"" + key + "\"}");
}

Response Engine::downloadFile(Call& call) {
  auto key = json::asString(json::member(*call.params, "fileKey")).value_or("");
  auto it = state_.downloads.find(key);
  if (it == state_.downloads.end()) {
    // Upload keys are not download keys (DOC:download-file).
    fail(404, "GAIA_BL01", "指定したファイル（id: " + key + "）が見つかりません。");
  }
  Response response;
  response.contentType = it->second.contentType;
  response.body = *it->second.bytes;
  return response;
}

Response Engine::getComments(Call& call) {
  App& app = appFor(call, kView);
  std::uint64_t record = requireId(*call.params, "record");
  if (app.records.count(record) == 0) {
    fail(404, "GAIA_RE01",
         "指定したレコード（id: " + std::to_string(record) + "）が見つかりません。");
  }
  std::string order = json::asString(json::member(*call.params, "order")).value_or("desc");
  if (order != "asc" && order != "desc") {
    failInput("order", "Enum値のいずれかでなければなりません。");
  }
  auto offset = json::asInt(json::member(*call.params, "offset")).value_or(0);
  auto limit = json::asInt(json::member(*call.params, "limit")).value_or(10);
  if (limit < 0 || limit > 10) {
    failInput("limit", "10以下である必要があります。");  // 0-10 (DOC:get-comments)
  }
  if (offset < 0) {
    failInput("offset", "最小でも0以上です。");
  }
  std::vector<Comment> comments = app.comments[record];
  if (order == "desc") {
    std::reverse(comments.begin(), comments.end());
  }
  std::string out = "{\"comments\":[";
  auto begin = static_cast<std::size_t>(offset);
  auto end = std::min(comments.size(), begin + static_cast<std::size_t>(limit));
  for (std::size_t i = begin; i < end; ++i) {
    out += (i > begin ? "," : "") + commentJson(comments[i]);
  }
  bool older = end < comments.size();
  bool newer = begin > 0 && !comments.empty();
  if (order == "asc") {
    std::swap(older, newer);
  }
  out += std::string("],\"older\":") + (older ? "true" : "false") +
         ",\"newer\":" + (newer ? "true" : "false") + "}";
  return jsonResponse(std::move(out));
}

Response Engine::addComment(Call& call) {
  App& app = appFor(call, kView);
  std::uint64_t record = requireId(*call.params, "record");
  if (app.records.count(record) == 0) {
    fail(404, "GAIA_RE01",
         "指定したレコード（id: " + std::to_string(record) + "）が見つかりません。");
  }
  const Value* comment = json::member(*call.params, "comment");
  auto text = comment != nullptr ? json::asString(json::member(*comment, "text")) : std::nullopt;
  if (!text || text->empty()) {
    failInput("comment.text", "必須です。");
  }
  if (text->size() > 65535 * 3) {
    failInput("comment.text", "65535文字より短くなければなりません。");
  }
  Comment c;
  c.id = app.nextCommentId++;
  c.text = *text;
  c.createdAt = formatDateTime(nowEpochSeconds());
  c.creatorCode = call.principal->actor.code;
  c.creatorName = call.principal->actor.name;
  if (const Value* mentions = json::member(*comment, "mentions");
      mentions != nullptr && mentions->IsArray()) {
    if (mentions->Size() > 10) {
      failInput("comment.mentions", "10件以下である必要があります。");
    }
    c.mentionsJson = json::serialize(*mentions);
  }
  app.comments[record].push_back(c);
  if (!call.inBulk && !app.webhooks.empty()) {
    std::string id = std::to_string(app.id);
    queueWebhook(
        app, "ADD_RECORD_COMMENT",
        "{\"id\":\"" + randomErrorId() + "\",\"type\":\"ADD_RECORD_COMMENT\",\"app\":{\"id\":\"" +
            id +
            "\",\"name\":" + json::serialize(Value(rapidjson::StringRef(app.live.name.c_str()))) +
            "},\"recordId\":\"" + std::to_string(record) + "\",\"comment\":" + commentJson(c) +
            ",\"url\":\"" + options_.domainUrl + "/k/" + id +
            "/show#record=" + std::to_string(record) + "&comment=" + std::to_string(c.id) + "\"}");
  }
  return jsonResponse("{\"id\":\"" + std::to_string(c.id) + "\"}");
}

Response Engine::deleteComment(Call& call) {
  App& app = appFor(call, kView);
  std::uint64_t record = requireId(*call.params, "record");
  std::uint64_t id = requireId(*call.params, "comment");
  auto& list = app.comments[record];
  auto it = std::find_if(list.begin(), list.end(), [&](const Comment& c) { return c.id == id; });
  if (it == list.end()) {
    // 400, not 404 (OBS:emu-notes, kintone-api.md §3.1).
    fail(400, "GAIA_RE02", "指定したコメントが存在しません。削除された可能性があります。");
  }
  list.erase(it);
  return jsonResponse("{}");
}

std::uint64_t Engine::changeStatus(App& app, Call& call, const Value& item,
                                   const std::string& prefix, bool single) {
  const Value& status = *app.live.status;
  if (!json::asBool(json::member(status, "enable")).value_or(false)) {
    fail(400, "GAIA_ST02", "プロセス管理機能が無効化されています。");
  }
  std::uint64_t id = requireId(item, "id");
  auto it = app.records.find(id);
  if (it == app.records.end()) {
    fail(404, "GAIA_RE01", "指定したレコード（id: " + std::to_string(id) + "）が見つかりません。");
  }
  auto revision = json::asInt(json::member(item, "revision"));
  if (revision && *revision != -1 &&
      static_cast<std::uint64_t>(*revision) != it->second->revision) {
    fail(409, "GAIA_CO02",
         "指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります"
         "。");
  }
  auto action = json::asString(json::member(item, "action"));
  if (!action) {
    failInput(prefix + "action", "必須です。");
  }
  std::string statusCode = fieldCodeOfType(app, "STATUS");
  std::string assigneeCode = fieldCodeOfType(app, "STATUS_ASSIGNEE");
  const Value* current = json::member(*json::member(it->second->fields, statusCode), "value");
  std::string to;
  if (const Value* actions = json::member(status, "actions");
      actions != nullptr && actions->IsArray()) {
    for (const auto& a : actions->GetArray()) {
      if (json::asString(json::member(a, "name")) == action && current != nullptr &&
          current->IsString() && json::asString(json::member(a, "from")) == current->GetString()) {
        to = json::asString(json::member(a, "to")).value_or("");
      }
    }
  }
  if (to.empty()) {
    fail(400, "GAIA_IL03",
         "ステータスの変更に失敗しました。ほかのユーザーがステータス、またはステータスの設定を変更"
         "した可能性があります。");
  }
  rapidjson::Document fields;
  fields.CopyFrom(it->second->fields, fields.GetAllocator());
  auto& a = fields.GetAllocator();
  fields[statusCode.c_str()]["value"] = json::stringValue(to, a);
  Value assignees(rapidjson::kArrayType);
  if (auto assignee = json::asString(json::member(item, "assignee"))) {
    Value user(rapidjson::kObjectType);
    user.AddMember("code", json::stringValue(*assignee, a), a);
    user.AddMember("name", json::stringValue(*assignee, a), a);
    assignees.PushBack(user, a);
  }
  if (fields.HasMember(assigneeCode.c_str())) {
    fields[assigneeCode.c_str()]["value"] = assignees;
  }
  // The action and the status change are both recorded: revision + 2 (DOC:update-status).
  RecordPtr updated = makeRecord(id, it->second->revision + 2, std::move(fields));
  it->second = updated;
  if (single && !call.inBulk) {
    // records/status.json is a bulk API: no webhook, like records.json (kintone-api.md §7).
    queueRecordWebhook(app, "UPDATE_STATUS", *updated);
  }
  return updated->revision;
}

Response Engine::updateStatus(Call& call) {
  App& app = appFor(call, kEdit);
  std::uint64_t revision = changeStatus(app, call, *call.params, "", true);
  return jsonResponse("{\"revision\":\"" + std::to_string(revision) + "\"}");
}

Response Engine::updateStatuses(Call& call) {
  App& app = appFor(call, kEdit);
  const Value* records = json::member(*call.params, "records");
  if (records == nullptr || !records->IsArray() || records->Size() > 100) {
    failInput("records", "一度に100件までのレコードを更新できます。");
  }
  std::string out = "{\"records\":[";
  for (rapidjson::SizeType i = 0; i < records->Size(); ++i) {
    const Value& item = (*records)[i];
    std::uint64_t revision =
        changeStatus(app, call, item, "records[" + std::to_string(i) + "].", false);
    out += (i > 0 ? ",{\"id\":\"" : "{\"id\":\"") + std::to_string(requireId(item, "id")) +
           "\",\"revision\":\"" + std::to_string(revision) + "\"}";
  }
  return jsonResponse(out + "]}");
}

Response Engine::updateAssignees(Call& call) {
  App& app = appFor(call, kEdit);
  if (!json::asBool(json::member(*app.live.status, "enable")).value_or(false)) {
    fail(400, "GAIA_ST02", "プロセス管理機能が無効化されています。");
  }
  std::uint64_t id = requireId(*call.params, "id");
  auto it = app.records.find(id);
  if (it == app.records.end()) {
    fail(404, "GAIA_RE01", "指定したレコード（id: " + std::to_string(id) + "）が見つかりません。");
  }
  const Value* list = json::member(*call.params, "assignees");
  if (list == nullptr || !list->IsArray() || list->Size() > 100) {
    failInput("assignees", "100件以下である必要があります。");
  }
  rapidjson::Document fields;
  fields.CopyFrom(it->second->fields, fields.GetAllocator());
  auto& a = fields.GetAllocator();
  Value assignees(rapidjson::kArrayType);
  for (const auto& code : list->GetArray()) {
    Actor who{code.GetString(), code.GetString()};
    rapidjson::Document user;
    user.Parse(userJson(who).c_str());
    assignees.PushBack(Value(user, a), a);
  }
  std::string code = fieldCodeOfType(app, "STATUS_ASSIGNEE");
  fields[code.c_str()]["value"] = assignees;
  RecordPtr updated = makeRecord(id, it->second->revision + 1, std::move(fields));
  it->second = updated;
  return jsonResponse("{\"revision\":\"" + std::to_string(updated->revision) + "\"}");
}

}  // namespace teichaku::emulator::kintone
