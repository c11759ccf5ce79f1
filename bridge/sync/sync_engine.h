#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "domain/date.h"
#include "kintone/kintone_client.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"

// kintone -> mirror: full and incremental reads, deletion reconciliation and the nightly
// write-back of derived values. At-least-once and idempotent (reliability.md §1.8): a page
// of records and the checkpoint covering it commit in one transaction; a record whose
// $revision is already stored is skipped, so replays change nothing.
namespace teichaku::sync {

struct SyncOptions {
  // 更新日時 has minute precision (kintone-api.md §1.5), so an incremental read asks again
  // for this many minutes before the checkpoint and de-duplicates by $revision.
  int overlapMinutes = 2;
  // reconcile() refuses to delete more than this share of an app's mirrored records.
  int maxDeletePercent = 5;
  bool allowMassDelete = false;  // an operator confirmed the deletions
  int pageSize = 500;            // records per GET (kintone maximum 500)
  std::function<std::chrono::system_clock::time_point()> clock = std::chrono::system_clock::now;
  // Called after every committed page with the last $id of the page (crash tests use it).
  std::function<void(std::int64_t lastId)> afterPageCommit;
  // Called inside a page's transaction, just before it commits, with the ids the page stores
  // as new or changed (records already mirrored at their $revision are not listed). What the
  // callback writes to the store commits or rolls back with the page; if it throws, the page
  // is not stored. The daemon records here which records the rules still have to see.
  std::function<void(const std::string& app, const std::vector<std::int64_t>& ids)>
      afterRecordsStored;
  // Called after kintone accepted a write-back chunk: the records and the field codes
  // written (never values), for the audit log.
  std::function<void(const std::string& app, const std::vector<std::int64_t>& ids,
                     const std::vector<std::string>& fieldCodes)>
      afterWriteBack;
};

// One run on one app, for the log line and summary.json. Counts, never values.
struct SyncReport {
  std::string app;
  std::string mode;  // full | incremental | reconcile | write-back
  Outcome outcome = Outcome::ok();
  std::int64_t fetched = 0;    // records received from kintone
  std::int64_t upserted = 0;   // new or changed records written to the mirror
  std::int64_t unchanged = 0;  // already mirrored at this $revision
  std::int64_t deleted = 0;
  std::int64_t written = 0;    // records updated on kintone (write-back)
  std::int64_t conflicts = 0;  // GAIA_CO02 answers that led to a re-read
  int requests = 0;            // kintone requests of this run (budget count)
  double seconds = 0;
};

// summary.json: {"runs":[{...SyncReport...}]}.
std::string reportsToJson(const std::vector<SyncReport>& reports);

class SyncEngine {
 public:
  // appIds: app key (mapping, [kintone.apps.<key>]) -> kintone app id.
  SyncEngine(kintone::KintoneClient& client, store::MirrorStore& store,
             const mapping::Mapping& mapping, std::map<std::string, std::string> appIds,
             SyncOptions options = {});

  // Reads the app into the mirror: everything (full, or no checkpoint yet) or what changed
  // since the checkpoint. An interrupted scan is resumed where its last page committed.
  // Checks the mapping against the live form first (SYNC_MAPPING_MISMATCH).
  SyncReport syncApp(const std::string& app, bool full);

  // Compares the ($id, $revision) sets of kintone and the mirror: deletes what kintone no
  // longer has (bulk deletes send no webhook, kintone-api.md §7) and re-reads what is
  // missing or stale. Fails with SYNC_DELETE_GUARD (exit code 4) instead of deleting more
  // than maxDeletePercent, unless allowMassDelete.
  SyncReport reconcile(const std::string& app);

  // Recomputes the derived fields (mapping derived = true, bridge/domain) of every mirrored
  // record and writes only the changed values, 100 records per request with revisions. On
  // GAIA_CO02 the records are re-read and recomputed once. Our own updates come back with
  // the same values, so they never cause another write.
  SyncReport writeBackDerived(const std::string& app, const domain::Date& today);

  // The live form of `app` as last read (GET app/form/fields.json), kept in the mirror's
  // meta so offline queries know the field types.
  static std::string formMetaKey(const std::string& app);

 private:
  struct Prepared {
    const mapping::AppMapping* app = nullptr;
    std::string appId;
    std::vector<std::string> fields;  // to request: mapped codes, $id, $revision, 更新日時
    std::string updatedCode;          // code of the UPDATED_TIME field; empty if the form has none
  };
  Outcome prepare(const std::string& app, Prepared& out);
  bool convertPage(const Prepared& p, const rapidjson::Value& records,
                   std::vector<store::RecordInput>& inputs, Outcome& failure);
  // Stores one page (and `checkpoint`, when given) in one transaction; false on failure.
  bool storePage(const Prepared& p, const std::vector<store::RecordInput>& inputs,
                 const std::optional<std::string>& checkpoint, SyncReport& report,
                 Outcome& failure);
  // Fetches the given ids ($id in (...), 100 per request) and stores them.
  Outcome refetch(const Prepared& p, const std::vector<std::int64_t>& ids, SyncReport& report);

  kintone::KintoneClient& client_;
  store::MirrorStore& store_;
  const mapping::Mapping& mapping_;
  std::map<std::string, std::string> appIds_;
  SyncOptions options_;
  std::map<std::string, Prepared> prepared_;
};

}  // namespace teichaku::sync
