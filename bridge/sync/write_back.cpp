// SyncEngine::writeBackDerived: the nightly write-back of derived values (BRIEF "Derived").
#include <rapidjson/document.h>

#include <map>
#include <set>
#include <vector>

#include "log/log.h"
#include "sync/derived_values.h"
#include "sync/sync_engine.h"

namespace teichaku::sync {

namespace {

constexpr std::size_t kRecordsPerRequest = 100;  // kintone: 100 records per PUT (§2)

struct Change {
  std::int64_t id = 0;
  std::int64_t revision = 0;
  std::map<std::string, std::string> values;  // only the fields that differ
};

std::optional<Change> changeFor(const mapping::AppMapping& app, const store::StoredRecord& record,
                                const domain::Date& today) {
  rapidjson::Document body;
  const std::string text = record.body();
  body.Parse(text.c_str(), text.size());
  Change change{record.id, record.revision, {}};
  for (auto& [code, value] : derivedValues(app, body, today)) {
    if (currentText(body, code) != value) {
      change.values[code] = value;
    }
  }
  if (change.values.empty()) {
    return std::nullopt;
  }
  return change;
}

rapidjson::Document updatesJson(const std::vector<Change>& changes) {
  rapidjson::Document doc(rapidjson::kArrayType);
  auto& a = doc.GetAllocator();
  for (const auto& c : changes) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("id", rapidjson::Value(std::to_string(c.id).c_str(), a), a);
    item.AddMember("revision", rapidjson::Value(std::to_string(c.revision).c_str(), a), a);
    rapidjson::Value record(rapidjson::kObjectType);
    for (const auto& [code, value] : c.values) {
      rapidjson::Value field(rapidjson::kObjectType);
      field.AddMember("value", rapidjson::Value(value.c_str(), a), a);
      record.AddMember(rapidjson::Value(code.c_str(), a), field, a);
    }
    item.AddMember("record", record, a);
    doc.PushBack(item, a);
  }
  return doc;
}

}  // namespace

SyncReport SyncEngine::writeBackDerived(const std::string& app, const domain::Date& today) {
  const auto started = std::chrono::steady_clock::now();
  SyncReport report;
  report.app = app;
  report.mode = "write-back";
  Prepared p;
  try {
    report.outcome = prepare(app, p);
  } catch (const std::exception& e) {
    report.outcome = Outcome::retry("SYNC_STORE_FAILED", e.what());
  }
  if (!report.outcome.isOk()) {
    log::error("SYNC_APP_FAILED",
               {{"app", app}, {"mode", report.mode}, {"reason", report.outcome.messageId()}});
    return report;
  }
  const int budgetBefore = client_.budgetUsed(p.appId);
  try {
    std::vector<Change> changes;
    store_.forEachRecord(app, [&](const store::StoredRecord& record) {
      if (auto change = changeFor(*p.app, record, today)) {
        changes.push_back(std::move(*change));
      }
      return true;
    });
    for (std::size_t i = 0; i < changes.size() && report.outcome.isOk(); i += kRecordsPerRequest) {
      std::vector<Change> chunk(changes.begin() + static_cast<std::ptrdiff_t>(i),
                                changes.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                      changes.size(), i + kRecordsPerRequest)));
      for (int attempt = 0; !chunk.empty(); ++attempt) {
        kintone::WriteResult w = client_.updateRecords(p.appId, updatesJson(chunk));
        if (w.outcome.isOk()) {
          report.written += static_cast<std::int64_t>(chunk.size());
          if (options_.afterWriteBack) {
            std::vector<std::int64_t> ids;
            std::set<std::string> codes;
            for (const auto& c : chunk) {
              ids.push_back(c.id);
              for (const auto& [code, value] : c.values) {
                codes.insert(code);
              }
            }
            options_.afterWriteBack(app, ids, {codes.begin(), codes.end()});
          }
          break;
        }
        if (w.outcome.messageId() != "KINTONE_CONFLICT" || attempt > 0) {
          report.outcome = w.outcome;
          break;
        }
        // GAIA_CO02: someone changed a record since we read it. Re-read the chunk, recompute
        // from the new values and send what still differs, with the new revisions.
        report.conflicts += static_cast<std::int64_t>(chunk.size());
        log::warning("SYNC_WRITE_BACK_CONFLICT", {{"app", app}, {"records", chunk.size()}});
        std::vector<std::int64_t> ids;
        for (const auto& c : chunk) {
          ids.push_back(c.id);
        }
        report.outcome = refetch(p, ids, report);
        if (!report.outcome.isOk()) {
          break;
        }
        chunk.clear();
        for (std::int64_t id : ids) {
          if (auto stored = store_.getRecord(app, id)) {
            if (auto change = changeFor(*p.app, *stored, today)) {
              chunk.push_back(std::move(*change));
            }
          }
        }
      }
    }
  } catch (const std::exception& e) {
    report.outcome = Outcome::retry("SYNC_STORE_FAILED", e.what());
  }
  report.requests = client_.budgetUsed(p.appId) - budgetBefore;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (report.outcome.isOk()) {
    log::info("SYNC_APP_DONE", {{"app", app},
                                {"mode", report.mode},
                                {"written", report.written},
                                {"conflicts", report.conflicts},
                                {"requests", report.requests}});
  } else {
    log::error("SYNC_APP_FAILED",
               {{"app", app}, {"mode", report.mode}, {"reason", report.outcome.messageId()}});
  }
  return report;
}

}  // namespace teichaku::sync
