#include "plugin_host/store_bindings.h"

#include <rapidjson/document.h>

#include <charconv>
#include <set>

#include "mapping/schema_adapters.h"
#include "plugin_host/record_projection.h"
#include "query/query.h"

namespace teichaku::plugin_host {
namespace {

// Where the sync keeps the form of each app (sync::SyncEngine::formMetaKey; the store
// bindings test writes it through that function, so a change there is caught).
std::string formMetaKey(const std::string& app) {
  return "form_fields:" + app;
}

}  // namespace

// The mapped app and the field codes of its form as the last sync stored it.
Outcome StoreMirrorReader::schemaOf(const std::string& app, query::MapSchema& schema,
                                    std::set<std::string>& clearCodes) {
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
  schema = mapping::formSchema(form, appMapping);
  for (const auto& f : appMapping->fields) {
    if (f.clear && !f.inTable()) {
      clearCodes.insert(f.code);
    }
  }
  return Outcome::ok();
}

Outcome StoreMirrorReader::forEach(const std::string& app, const std::string& queryText,
                                   const std::vector<std::string>& fields,
                                   const std::function<bool(std::string_view)>& fn) {
  query::MapSchema schema;
  std::set<std::string> clearCodes;
  if (Outcome known = schemaOf(app, schema, clearCodes); !known.isOk()) {
    return known;
  }
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
    return fn(projectedRecord(doc, fields));
  });
  return Outcome::ok();
}

Outcome StoreMirrorReader::forEachMany(const std::string& app,
                                       const std::vector<std::string>& queries,
                                       const std::vector<std::string>& fields,
                                       const MatchesFn& fn) {
  lastScanStats_ = {};
  query::MapSchema schema;
  std::set<std::string> clearCodes;
  if (Outcome known = schemaOf(app, schema, clearCodes); !known.isOk()) {
    return known;
  }
  std::vector<query::Query> parsedQueries;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    query::ParseResult parsed = query::parse(queries[i], schema, query::ParseOptions{false, false});
    if (!parsed.ok()) {
      return Outcome::fail("PLUGIN_SERVICE_FAILED",
                           std::to_string(i + 1) + " 番目のクエリが正しくありません（" +
                               parsed.error.code + "）: " + parsed.error.message);
    }
    parsedQueries.push_back(std::move(*parsed.query));
  }
  query::EvalContext context;
  context.nowEpochSeconds = now_;
  std::set<std::string> filterCodes;
  for (const std::string& code : mapping_.app(app)->sealedFilterCodes()) {
    filterCodes.insert(code);
  }
  MultiQueryScan scan(std::move(parsedQueries), clearCodes, filterCodes, fields, schema, context);
  std::vector<std::uint8_t> matches;
  std::string json;
  // A record whose queries the clear and filter values cannot decide is read again whole.
  auto visit = [&](const auto& record) {  // a StoredRecord or RecordValues
    auto loadBody = [&]() -> std::string {
      std::optional<store::StoredRecord> whole = store_.getRecord(app, record.id);
      if (!whole) {
        throw store::StoreError("レコード " + app + ":" + std::to_string(record.id) +
                                " は読み出しの途中で削除されました。");
      }
      return whole->body();
    };
    if (!scan.decide(record, matches, json, loadBody)) {
      return true;
    }
    return fn(std::to_string(record.id), json, matches);
  };
  if (scan.handsOverFromClear()) {
    store_.forEachRecordValues(app, scan.clearCodesRead(), visit);
  } else {
    store_.forEachRecord(app, visit);
  }
  lastScanStats_ = scan.stats();
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
