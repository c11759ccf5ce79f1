#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <array>
#include <charconv>

#include "server/webhook_notice.h"

// Payload shapes, from kintone's "Webhookの通知内容" help page
// (https://jp.cybozu.help/k/ja/user/app_settings/set_webhook/webhook_notification.html,
// English: https://jp.cybozu.help/k/en/user/app_settings/set_webhook/webhook_notification.html;
// summarised in reference/kintone-api.md §7):
//   ADD_RECORD / UPDATE_RECORD / UPDATE_STATUS: {id, type, app{id,name}, record{$id{value},…}, …}
//   DELETE_RECORD / ADD_RECORD_COMMENT:         {id, type, app{id,name}, recordId, …}
// app.id, $id.value and recordId are decimal strings.
namespace teichaku::server {
namespace {

using Value = rapidjson::Value;

constexpr std::array<std::string_view, 3> kRecordBodyTypes = {"ADD_RECORD", "UPDATE_RECORD",
                                                              "UPDATE_STATUS"};
constexpr std::array<std::string_view, 2> kRecordIdTypes = {"DELETE_RECORD", "ADD_RECORD_COMMENT"};

// Forwards SAX events to the document under construction and stops the parse once nesting
// passes kMaxJsonDepth. Iterative parsing keeps the parser off the call stack; this keeps the
// document (whose destructor recurses) shallow too.
class DepthLimitedHandler {
 public:
  explicit DepthLimitedHandler(rapidjson::Document& document) : document_(document) {}

  bool Null() { return document_.Null(); }
  bool Bool(bool b) { return document_.Bool(b); }
  bool Int(int i) { return document_.Int(i); }
  bool Uint(unsigned u) { return document_.Uint(u); }
  bool Int64(std::int64_t i) { return document_.Int64(i); }
  bool Uint64(std::uint64_t u) { return document_.Uint64(u); }
  bool Double(double d) { return document_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return document_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return document_.String(s, n, copy);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return document_.Key(s, n, copy); }
  bool StartObject() { return enter() && document_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    return document_.EndObject(n);
  }
  bool StartArray() { return enter() && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    return document_.EndArray(n);
  }

  bool tooDeep() const { return tooDeep_; }

 private:
  bool enter() {
    if (++depth_ > kMaxJsonDepth) {
      tooDeep_ = true;
      return false;
    }
    return true;
  }

  rapidjson::Document& document_;
  int depth_ = 0;
  bool tooDeep_ = false;
};

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseStopWhenDoneFlag;

struct ParseResult {
  bool ok = false;
  bool tooDeep = false;
  std::string error;
};

ParseResult parseDocument(std::string_view body, rapidjson::Document& document) {
  ParseResult result;
  rapidjson::MemoryStream stream(body.data(), body.size());
  auto generator = [&](rapidjson::Document& target) {
    DepthLimitedHandler handler(target);
    rapidjson::Reader reader;
    rapidjson::ParseResult parsed = reader.Parse<kParseFlags>(stream, handler);
    result.tooDeep = handler.tooDeep();
    if (parsed.IsError()) {
      result.error = std::string(rapidjson::GetParseError_En(parsed.Code())) + " at offset " +
                     std::to_string(parsed.Offset());
      return false;
    }
    return true;
  };
  document.Populate(generator);
  if (result.tooDeep) {
    result.error = "nested deeper than " + std::to_string(kMaxJsonDepth);
    return result;
  }
  if (!result.error.empty()) {
    return result;
  }
  // kParseStopWhenDoneFlag stops after the root value; anything but whitespace after it
  // (a NUL byte included, which RapidJSON's own check would take for the end) is not JSON.
  while (stream.Tell() < body.size()) {
    char c = stream.Take();
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      result.error = "data after the JSON value at offset " + std::to_string(stream.Tell() - 1);
      return result;
    }
  }
  result.ok = true;
  return result;
}

const Value* member(const Value& object, const char* name) {
  if (!object.IsObject()) {
    return nullptr;
  }
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// A positive decimal id as kintone writes it ("123"); a JSON integer is accepted as well.
std::optional<std::int64_t> positiveId(const Value* value) {
  if (value == nullptr) {
    return std::nullopt;
  }
  std::int64_t id = 0;
  if (value->IsString()) {
    std::string_view text(value->GetString(), value->GetStringLength());
    if (text.empty() || text.front() < '0' || text.front() > '9') {
      return std::nullopt;
    }
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size()) {
      return std::nullopt;
    }
  } else if (value->IsInt64()) {
    id = value->GetInt64();
  } else {
    return std::nullopt;
  }
  if (id <= 0) {
    return std::nullopt;
  }
  return id;
}

template <std::size_t N>
bool oneOf(std::string_view type, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (type == name) {
      return true;
    }
  }
  return false;
}

std::optional<WebhookNotice> fail(std::string* why, std::string reason) {
  if (why != nullptr) {
    *why = std::move(reason);
  }
  return std::nullopt;
}

}  // namespace

std::optional<WebhookNotice> parseWebhook(std::string_view body, std::string* why) {
  rapidjson::Document document;
  ParseResult parsed = parseDocument(body, document);
  if (!parsed.ok) {
    return fail(why, "invalid JSON: " + parsed.error);
  }
  if (!document.IsObject()) {
    return fail(why, "the body is not a JSON object");
  }
  const Value* type = member(document, "type");
  if (type == nullptr || !type->IsString()) {
    return fail(why, "type is missing");
  }
  WebhookNotice notice;
  notice.type.assign(type->GetString(), type->GetStringLength());
  const Value* app = member(document, "app");
  std::optional<std::int64_t> appId =
      app == nullptr ? std::nullopt : positiveId(member(*app, "id"));
  if (!appId) {
    return fail(why, "app.id is missing or not a positive number");
  }
  notice.appId = *appId;

  std::optional<std::int64_t> recordId;
  if (oneOf(notice.type, kRecordBodyTypes)) {
    const Value* record = member(document, "record");
    const Value* dollarId = record == nullptr ? nullptr : member(*record, "$id");
    recordId = dollarId == nullptr ? std::nullopt : positiveId(member(*dollarId, "value"));
    if (!recordId) {
      return fail(why, "record.$id.value is missing or not a positive number");
    }
  } else if (oneOf(notice.type, kRecordIdTypes)) {
    recordId = positiveId(member(document, "recordId"));
    if (!recordId) {
      return fail(why, "recordId is missing or not a positive number");
    }
  } else {
    return fail(why, "unknown webhook type");
  }
  notice.recordId = *recordId;
  return notice;
}

}  // namespace teichaku::server
