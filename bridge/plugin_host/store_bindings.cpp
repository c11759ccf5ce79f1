#include "plugin_host/store_bindings.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>

#include "mapping/schema_adapters.h"
#include "query/query.h"

namespace teichaku::plugin_host {
namespace {

// Where the sync keeps the form of each app (sync::SyncEngine::formMetaKey; the store
// bindings test writes it through that function, so a change there is caught).
std::string formMetaKey(const std::string& app) {
  return "form_fields:" + app;
}

std::string projected(const rapidjson::Value& record, const std::vector<std::string>& fields) {
  rapidjson::Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto copy = [&](const std::string& code) {
    auto m = record.FindMember(code.c_str());
    if (m != record.MemberEnd()) {
      out.AddMember(rapidjson::Value(code.c_str(), a), rapidjson::Value(m->value, a), a);
    }
  };
  copy("$id");
  for (const auto& code : fields) {
    if (code != "$id") {
      copy(code);
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  (fields.empty() ? static_cast<const rapidjson::Value&>(record) : out).Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

Outcome StoreMirrorReader::forEach(const std::string& app, const std::string& queryText,
                                   const std::vector<std::string>& fields,
                                   const std::function<bool(std::string_view)>& fn) {
  const mapping::AppMapping* appMapping = mapping_.app(app);
  if (appMapping == nullptr) {
    return Outcome::fail("PLUGIN_SERVICE_FAILED",
                         "アプリ '" + app + "' はデータマッピングにありません。");
  }
  auto formText = store_.meta(formMetaKey(app));
  if (!formText) {
    return Outcome::fail("PLUGIN_SERVICE_FAILED", "アプリ '" + app +
                                                      "' はまだ同期されていません。先に sync "
                                                      "を実行してください。");
  }
  rapidjson::Document form;
  form.Parse(formText->c_str(), formText->size());
  const query::MapSchema schema = mapping::formSchema(form, appMapping);
  // Condition only: records stream from the store in id order, so `order by`, `limit` and
  // `offset` are refused rather than silently ignored.
  const query::ParseResult parsed =
      query::parse(queryText, schema, query::ParseOptions{false, false});
  if (!parsed.ok()) {
    return Outcome::fail("PLUGIN_SERVICE_FAILED", "クエリが正しくありません（" + parsed.error.code +
                                                      "）: " + parsed.error.message);
  }
  query::EvalContext context;
  context.nowEpochSeconds = now_;
  store_.forEachRecord(app, [&](const store::StoredRecord& record) {
    rapidjson::Document doc;
    const std::string body = record.body();
    doc.Parse(body.c_str(), body.size());
    if (!doc.IsObject() || !query::matches(*parsed.query, doc, context)) {
      return true;
    }
    return fn(projected(doc, fields));
  });
  return Outcome::ok();
}

void AuditLogSink::record(const AuditEvent& event) {
  audit::AuditEntry entry;
  entry.actor = "plugin:" + event.instance;
  entry.action = "plugin." + event.action;
  entry.app = event.app;
  for (const auto& id : event.recordIds) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
    if (ec == std::errc() && ptr == id.data() + id.size()) {
      entry.recordIds.push_back(n);
    }
  }
  entry.fieldCodes = event.fieldCodes;
  entry.detail = "type=" + event.pluginType + (event.target.empty() ? "" : " file=" + event.target);
  log_.append(entry);
}

}  // namespace teichaku::plugin_host
