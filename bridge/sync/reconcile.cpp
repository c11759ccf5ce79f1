// SyncEngine::reconcile: the $id set diff that finds deletions (reliability.md §4.2, §7 P5).
#include <algorithm>
#include <utility>
#include <vector>

#include "log/log.h"
#include "sync/record_conversion.h"
#include "sync/sync_engine.h"

namespace teichaku::sync {

namespace {

constexpr std::size_t kDeletesPerTransaction = 500;

}  // namespace

SyncReport SyncEngine::reconcile(const std::string& app) {
  const auto started = std::chrono::steady_clock::now();
  SyncReport report;
  report.app = app;
  report.mode = "reconcile";
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

  // Only $id and $revision: 16 bytes per record, the one list that grows with the app.
  std::vector<store::IdRevision> remote;
  Outcome failure = Outcome::ok();
  Outcome listed = client_.getAllRecordsBySeek(
      p.appId, "", {"$id", "$revision"},
      [&](const rapidjson::Value& records) {
        try {
          for (const auto& record : records.GetArray()) {
            remote.push_back(
                {numberField(record, "$id", app), numberField(record, "$revision", app)});
          }
          return true;
        } catch (const RecordFormatError& e) {
          failure = Outcome::fail("SYNC_BAD_RECORD", e.what());
          return false;
        }
      },
      options_.pageSize);
  if (!failure.isOk() || !listed.isOk()) {
    report.outcome = failure.isOk() ? listed : failure;
  } else {
    std::sort(remote.begin(), remote.end(),
              [](const store::IdRevision& a, const store::IdRevision& b) { return a.id < b.id; });
    std::vector<std::int64_t> toDelete;
    std::vector<std::int64_t> toFetch;
    std::int64_t mirrored = 0;
    try {
      std::size_t r = 0;
      store_.forEachId(app, [&](const store::IdRevision& local) {
        ++mirrored;
        while (r < remote.size() && remote[r].id < local.id) {
          toFetch.push_back(remote[r++].id);
        }
        if (r < remote.size() && remote[r].id == local.id) {
          if (remote[r].revision > local.revision) {
            toFetch.push_back(local.id);
          }
          ++r;
        } else {
          toDelete.push_back(local.id);
        }
      });
      for (; r < remote.size(); ++r) {
        toFetch.push_back(remote[r].id);
      }
      remote.clear();
      remote.shrink_to_fit();

      const auto limit = static_cast<std::size_t>(options_.maxDeletePercent);
      if (!toDelete.empty() && !options_.allowMassDelete &&
          toDelete.size() * 100 > limit * static_cast<std::size_t>(mirrored)) {
        log::error("SYNC_DELETE_GUARD", {{"app", app},
                                         {"would_delete", toDelete.size()},
                                         {"mirrored", mirrored},
                                         {"max_percent", options_.maxDeletePercent}});
        report.outcome = Outcome::fail(
            "SYNC_DELETE_GUARD",
            "アプリ '" + app + "': kintone にないレコードが " + std::to_string(toDelete.size()) +
                " 件（ミラー " + std::to_string(mirrored) + " 件中）あり、上限 " +
                std::to_string(options_.maxDeletePercent) +
                "% を超えるため削除しませんでした。kintone 側を確認し、正しければ "
                "--allow-mass-delete を付けて再実行してください。");
      } else {
        for (std::size_t i = 0; i < toDelete.size(); i += kDeletesPerTransaction) {
          store::Transaction tx(store_);
          for (std::size_t j = i; j < std::min(toDelete.size(), i + kDeletesPerTransaction); ++j) {
            if (store_.deleteRecord(app, toDelete[j])) {
              ++report.deleted;
            }
          }
          tx.commit();
        }
        report.outcome = refetch(p, toFetch, report);
      }
    } catch (const std::exception& e) {
      report.outcome = Outcome::retry("SYNC_STORE_FAILED", e.what());
    }
  }
  report.requests = client_.budgetUsed(p.appId) - budgetBefore;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (report.outcome.isOk()) {
    log::info("SYNC_APP_DONE", {{"app", app},
                                {"mode", report.mode},
                                {"fetched", report.fetched},
                                {"upserted", report.upserted},
                                {"deleted", report.deleted},
                                {"requests", report.requests}});
  } else if (report.outcome.messageId() != "SYNC_DELETE_GUARD") {
    log::error("SYNC_APP_FAILED",
               {{"app", app}, {"mode", report.mode}, {"reason", report.outcome.messageId()}});
  }
  return report;
}

}  // namespace teichaku::sync
