#include "sync/sync_engine.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "log/log.h"
#include "mapping/schema_adapters.h"
#include "sync/checkpoint.h"
#include "sync/record_conversion.h"

namespace teichaku::sync {

namespace {

std::string joinErrors(const config::ConfigErrors& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += (out.empty() ? "" : "\n") + e.format();
  }
  return out;
}

std::string updatedTimeCode(const rapidjson::Value& form) {
  auto properties = form.FindMember("properties");
  if (properties == form.MemberEnd() || !properties->value.IsObject()) {
    return {};
  }
  for (const auto& m : properties->value.GetObject()) {
    auto type = m.value.IsObject() ? m.value.FindMember("type") : m.value.MemberEnd();
    if (m.value.IsObject() && type != m.value.MemberEnd() && type->value.IsString() &&
        std::string_view(type->value.GetString()) == "UPDATED_TIME") {
      return m.name.GetString();
    }
  }
  return {};
}

std::string compactJson(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void logDone(const SyncReport& r) {
  if (r.outcome.isOk()) {
    log::info("SYNC_APP_DONE", {{"app", r.app},
                                {"mode", r.mode},
                                {"fetched", r.fetched},
                                {"upserted", r.upserted},
                                {"unchanged", r.unchanged},
                                {"deleted", r.deleted},
                                {"written", r.written},
                                {"requests", r.requests}});
  } else {
    log::error("SYNC_APP_FAILED",
               {{"app", r.app}, {"mode", r.mode}, {"reason", r.outcome.messageId()}});
  }
}

}  // namespace

std::string reportsToJson(const std::vector<SyncReport>& reports) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("runs");
  w.StartArray();
  for (const auto& r : reports) {
    w.StartObject();
    w.Key("app");
    w.String(r.app.c_str());
    w.Key("mode");
    w.String(r.mode.c_str());
    w.Key("outcome");
    w.String(toString(r.outcome.kind()));
    w.Key("messageId");
    w.String(r.outcome.messageId().c_str());
    w.Key("fetched");
    w.Int64(r.fetched);
    w.Key("upserted");
    w.Int64(r.upserted);
    w.Key("unchanged");
    w.Int64(r.unchanged);
    w.Key("deleted");
    w.Int64(r.deleted);
    w.Key("written");
    w.Int64(r.written);
    w.Key("conflicts");
    w.Int64(r.conflicts);
    w.Key("requests");
    w.Int(r.requests);
    w.Key("seconds");
    w.Double(r.seconds);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

SyncEngine::SyncEngine(kintone::KintoneClient& client, store::MirrorStore& store,
                       const mapping::Mapping& mapping, std::map<std::string, std::string> appIds,
                       SyncOptions options)
    : client_(client),
      store_(store),
      mapping_(mapping),
      appIds_(std::move(appIds)),
      options_(std::move(options)) {}

std::string SyncEngine::formMetaKey(const std::string& app) {
  return "form_fields:" + app;
}

Outcome SyncEngine::prepare(const std::string& app, Prepared& out) {
  if (auto it = prepared_.find(app); it != prepared_.end()) {
    out = it->second;
    return Outcome::ok();
  }
  Prepared p;
  p.app = mapping_.app(app);
  if (p.app == nullptr) {
    return Outcome::fail("SYNC_APP_NOT_MAPPED",
                         "アプリ '" + app + "' はデータマッピングにありません。");
  }
  auto id = appIds_.find(app);
  if (id == appIds_.end()) {
    return Outcome::fail("SYNC_APP_NOT_CONFIGURED",
                         "アプリ '" + app + "' は設定ファイルの [kintone.apps] にありません。");
  }
  p.appId = id->second;
  kintone::JsonResult form = client_.getFormFields(p.appId);
  if (!form.outcome.isOk()) {
    return form.outcome;
  }
  config::ConfigErrors errors = mapping::checkAgainstSchema(mapping_, *p.app, form.json);
  if (!errors.empty()) {
    return Outcome::fail("SYNC_MAPPING_MISMATCH", joinErrors(errors));
  }
  p.fields = p.app->topLevelCodes();
  p.fields.push_back("$id");
  p.fields.push_back("$revision");
  p.updatedCode = updatedTimeCode(form.json);
  if (!p.updatedCode.empty() &&
      std::find(p.fields.begin(), p.fields.end(), p.updatedCode) == p.fields.end()) {
    p.fields.push_back(p.updatedCode);
  }
  store_.setMeta(formMetaKey(app), compactJson(form.json));
  prepared_[app] = p;
  out = p;
  return Outcome::ok();
}

bool SyncEngine::storePage(const Prepared& p, const std::vector<store::RecordInput>& inputs,
                           const std::optional<std::string>& checkpoint, SyncReport& report,
                           Outcome& failure) {
  std::vector<std::int64_t> stored;
  try {
    store::Transaction tx(store_);
    for (const auto& input : inputs) {
      auto existing = store_.getRecord(input.app, input.id);
      // Same revision is skipped, unless the mapping gained or lost sealed_filter fields since
      // the record was stored: a full sync then writes (or drops) its filter body.
      if (existing && existing->revision >= input.revision &&
          existing->hasFilterBody() == !input.filterBody.empty()) {
        ++report.unchanged;
        continue;
      }
      store_.upsertRecord(input);
      stored.push_back(input.id);
    }
    if (checkpoint) {
      store_.setCheckpoint(p.app->key, *checkpoint);
    }
    if (options_.afterRecordsStored && !stored.empty()) {
      options_.afterRecordsStored(p.app->key, stored);
    }
    tx.commit();
    report.upserted += static_cast<std::int64_t>(stored.size());
  } catch (const std::exception& e) {
    failure = Outcome::retry("SYNC_STORE_FAILED", e.what());
    return false;
  }
  return true;
}

bool SyncEngine::convertPage(const Prepared& p, const rapidjson::Value& records,
                             std::vector<store::RecordInput>& inputs, Outcome& failure) {
  try {
    inputs.clear();
    inputs.reserve(records.Size());
    for (const auto& record : records.GetArray()) {
      inputs.push_back(toRecordInput(*p.app, record));
    }
    return true;
  } catch (const RecordFormatError& e) {
    failure = Outcome::fail("SYNC_BAD_RECORD", e.what());
    return false;
  }
}

SyncReport SyncEngine::syncApp(const std::string& app, bool full) {
  const auto started = std::chrono::steady_clock::now();
  SyncReport report;
  report.app = app;
  report.mode = full ? "full" : "incremental";
  Prepared p;
  Outcome failure = Outcome::ok();
  try {
    failure = prepare(app, p);
  } catch (const std::exception& e) {
    failure = Outcome::retry("SYNC_STORE_FAILED", e.what());
  }
  if (!failure.isOk()) {
    report.outcome = failure;
    logDone(report);
    return report;
  }
  const int budgetBefore = client_.budgetUsed(p.appId);

  Checkpoint cp;
  try {
    cp = parseCheckpoint(store_.checkpoint(app));
  } catch (const std::exception& e) {
    report.outcome = Outcome::retry("SYNC_STORE_FAILED", e.what());
    logDone(report);
    return report;
  }
  // Without an UPDATED_TIME field there is nothing to select changes by: read everything.
  bool doFull = full || cp.since.empty() || p.updatedCode.empty();
  ScanProgress scan;
  if (cp.scan && (cp.scan->full || !doFull)) {
    scan = *cp.scan;  // a scan was interrupted: continue it where it committed last
    doFull = scan.full;
    log::info("SYNC_RESUMED", {{"app", app}, {"after_id", scan.afterId}});
  } else {
    scan.full = doFull;
    scan.start = minuteOf(options_.clock());
    if (!doFull) {
      auto since = parseIsoUtc(cp.since);
      scan.window = since ? formatIsoUtc(*since - options_.overlapMinutes * 60) : cp.since;
    }
  }
  report.mode = doFull ? "full" : "incremental";
  std::string condition;
  if (!doFull) {
    condition = p.updatedCode + " >= \"" + scan.window + "\"";
  }
  if (scan.afterId > 0) {
    condition +=
        (condition.empty() ? "" : " and ") + std::string("$id > ") + std::to_string(scan.afterId);
  }
  std::vector<store::RecordInput> inputs;
  Outcome fetched = client_.getAllRecordsBySeek(
      p.appId, condition, p.fields,
      [&](const rapidjson::Value& records) {
        report.fetched += records.Size();
        if (!convertPage(p, records, inputs, failure)) {
          return false;
        }
        ScanProgress next = scan;
        for (const auto& input : inputs) {
          next.afterId = std::max(next.afterId, input.id);
          next.maxSeen = std::max(next.maxSeen, input.updatedAt);
        }
        if (!storePage(p, inputs, serializeCheckpoint({cp.since, next}), report, failure)) {
          return false;
        }
        scan = next;
        if (options_.afterPageCommit) {
          options_.afterPageCommit(scan.afterId);
        }
        return true;
      },
      options_.pageSize);
  if (!failure.isOk()) {
    report.outcome = failure;
  } else if (!fetched.isOk()) {
    report.outcome = fetched;
  } else {
    // Next window: everything changed after the scan began is at or after its start (minute
    // precision); anything older was read by this scan. Never move backwards.
    std::string since = scan.start;
    if (!doFull) {
      since = scan.maxSeen.empty() ? cp.since : std::min(scan.maxSeen, scan.start);
      since = std::max(since, cp.since);
    }
    try {
      store::Transaction tx(store_);
      store_.setCheckpoint(app, serializeCheckpoint({since, std::nullopt}));
      tx.commit();
    } catch (const std::exception& e) {
      report.outcome = Outcome::retry("SYNC_STORE_FAILED", e.what());
    }
  }
  report.requests = client_.budgetUsed(p.appId) - budgetBefore;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  logDone(report);
  return report;
}

Outcome SyncEngine::refetch(const Prepared& p, const std::vector<std::int64_t>& ids,
                            SyncReport& report) {
  constexpr std::size_t kChunk = 100;
  std::vector<store::RecordInput> inputs;
  Outcome failure = Outcome::ok();
  for (std::size_t i = 0; i < ids.size(); i += kChunk) {
    std::string list;
    for (std::size_t j = i; j < std::min(ids.size(), i + kChunk); ++j) {
      list += (list.empty() ? "" : ",") + std::to_string(ids[j]);
    }
    kintone::JsonResult page = client_.getRecords(
        p.appId, "$id in (" + list + ") order by $id asc limit " + std::to_string(kChunk),
        p.fields);
    if (!page.outcome.isOk()) {
      return page.outcome;
    }
    auto records = page.json.FindMember("records");
    if (records == page.json.MemberEnd() || !records->value.IsArray()) {
      return Outcome::retry("SYNC_BAD_RECORD", "kintone の応答に records がありません。");
    }
    report.fetched += records->value.Size();
    if (!convertPage(p, records->value, inputs, failure) ||
        !storePage(p, inputs, std::nullopt, report, failure)) {
      return failure;
    }
  }
  return Outcome::ok();
}

}  // namespace teichaku::sync
