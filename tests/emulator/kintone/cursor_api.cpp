// records/cursor.json and bulkRequest.json (kintone-api.md §3.1, §2).
#include <Poco/UUIDGenerator.h>

#include "core/json.h"
#include "kintone/api_path.h"
#include "kintone/engine.h"

namespace teichaku::emulator::kintone {
namespace {

using rapidjson::Value;

Cursor& findCursor(State& state, const Value& params) {
  auto id = json::asString(json::member(params, "id"));
  if (!id) {
    failInput("id", "必須です。");
  }
  auto it = state.cursors.find(*id);
  if (it == state.cursors.end()) {
    // Unknown/expired cursor: the real code was not found in any source; CB_VA01 chosen.
    failInput("id", "指定したカーソルが見つかりません。");
  }
  return it->second;
}

}  // namespace

Response Engine::createCursor(Call& call) {
  App& app = appFor(call, kView);
  auto size = json::asInt(json::member(*call.params, "size")).value_or(100);
  if (size < 1 || size > 500) {
    failInput("size", "1以上500以下の値を指定してください。");
  }
  auto schema = schemaFor(app);
  std::string text = json::asString(json::member(*call.params, "query")).value_or("");
  query::ParseOptions options;
  options.allowLimitOffset = false;  // DOC:create-cursor
  auto parsed = query::parse(text, schema, options);
  if (!parsed.ok()) {
    failQuery(parsed.error);
  }
  if (static_cast<int>(state_.cursors.size()) >= options_.maxCursors) {
    fail(400, "GAIA_TM12",
         "作成できるカーソルの上限に達しているため、カーソルを作成できません。不要なカーソルを削除"
         "するか、しばらく経ってから再実行してください。");
  }
  auto context = evalContext(call);
  std::vector<const Value*> matching;
  for (const auto& [id, record] : app.records) {
    if (query::matches(*parsed.query, record->fields, context)) {
      matching.push_back(&record->fields);
    }
  }
  query::sortRecords(matching, parsed.query->orderBy);
  Cursor cursor;
  cursor.app = app.id;
  cursor.size = static_cast<std::size_t>(size);
  cursor.lastUsed = Clock::now();
  if (const Value* f = json::member(*call.params, "fields"); f != nullptr && f->IsArray()) {
    for (const auto& item : f->GetArray()) {
      cursor.fields.emplace_back(item.GetString());
    }
  }
  for (const Value* fields : matching) {
    cursor.ids.push_back(static_cast<std::uint64_t>(
        json::asInt(json::member(*json::member(*fields, "$id"), "value")).value_or(0)));
  }
  std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  std::size_t total = cursor.ids.size();
  state_.cursors[id] = std::move(cursor);
  return jsonResponse("{\"id\":\"" + id + "\",\"totalCount\":\"" + std::to_string(total) + "\"}");
}

Response Engine::getCursor(Call& call) {
  Cursor& cursor = findCursor(state_, *call.params);
  App& app = findApp(call, cursor.app);
  authorize(call, app, kView);
  cursor.lastUsed = Clock::now();
  std::string out = "{\"records\":[";
  std::size_t end = std::min(cursor.ids.size(), cursor.position + cursor.size);
  bool first = true;
  for (; cursor.position < end; ++cursor.position) {
    // The record set is fixed at creation, values are read now (DOC:get-cursor).
    auto it = app.records.find(cursor.ids[cursor.position]);
    if (it == app.records.end()) {
      continue;
    }
    if (!first) {
      out += ',';
    }
    first = false;
    writeRecordFields(out, *it->second, cursor.fields);
  }
  bool next = cursor.position < cursor.ids.size();
  out += next ? "],\"next\":true}" : "],\"next\":false}";
  if (!next) {
    // Deleted automatically once every record was read (DOC:get-cursor).
    state_.cursors.erase(*json::asString(json::member(*call.params, "id")));
  }
  return jsonResponse(std::move(out));
}

Response Engine::deleteCursor(Call& call) {
  Cursor& cursor = findCursor(state_, *call.params);
  authorize(call, findApp(call, cursor.app), kView);
  state_.cursors.erase(*json::asString(json::member(*call.params, "id")));
  return jsonResponse("{}");
}

Response Engine::bulkRequest(Call& call) {
  const Value* requests = json::member(*call.params, "requests");
  if (requests == nullptr || !requests->IsArray() || requests->Empty()) {
    failInput("requests", "必須です。");
  }
  if (requests->Size() > 20) {
    failInput("requests", "一度に20件までのリクエストを実行できます。");
  }
  // One transaction: any failure restores everything (DOC:bulk-request).
  State backup = state_;
  std::size_t webhookMark = webhooks_.size();
  std::vector<std::string> results;
  for (rapidjson::SizeType i = 0; i < requests->Size(); ++i) {
    const Value& sub = (*requests)[i];
    try {
      auto method = json::asString(json::member(sub, "method")).value_or("");
      auto path = parseApiPath(json::asString(json::member(sub, "api")).value_or(""));
      const Value* payload = json::member(sub, "payload");
      if (!path || payload == nullptr || !payload->IsObject()) {
        failInput("requests[" + std::to_string(i) + "]", "不正なリクエストです。");
      }
      Call subCall{method,  path->api,      path->preview, path->guestSpace,
                   payload, call.principal, nullptr,       true};
      results.push_back(dispatch(subCall).body);
    } catch (const KintoneError& error) {
      state_ = std::move(backup);
      unique_ = UniqueIndex{};
      webhooks_.resize(webhookMark);
      // The failing index holds the error, every other element is {} (kintone-api.md §3.1).
      std::string body = "{\"results\":[";
      for (rapidjson::SizeType j = 0; j < requests->Size(); ++j) {
        body += j > 0 ? "," : "";
        body += j == i ? errorBody(error) : "{}";
      }
      body += "]}";
      Response response = jsonResponse(std::move(body));
      response.status = error.status;  // unconfirmed; the failing sub-request's status
      return response;
    }
  }
  std::string body = "{\"results\":[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    body += (i > 0 ? "," : "") + results[i];
  }
  body += "]}";
  return jsonResponse(std::move(body));
}

}  // namespace teichaku::emulator::kintone
