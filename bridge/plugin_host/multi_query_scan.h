#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "query/query.h"
#include "store/mirror_store.h"

// Many parsed queries over one app, decided for each stored record in one pass. A condition
// is first decided on the record's clear values (no decryption): each predicate on a clear
// column gives true or false, the others stay unknown, and `and`/`or` combine these three
// values (a false conjunct decides an `and` whatever the unknown ones would say). Only when a
// query stays unknown, or the record must be handed over with a field that is not in clear,
// is the body decrypted, and then the whole query is evaluated on it with the shared
// evaluator, exactly as a decrypting scan does. Identical predicates of different queries are
// evaluated once per record.
namespace teichaku::plugin_host {

// What one pass cost: records read, bodies decrypted, records handed over.
struct ScanStats {
  std::size_t records = 0;
  std::size_t decrypted = 0;      // whole bodies opened
  std::size_t filtersOpened = 0;  // sealed filter bodies opened (a few bytes each)
  std::size_t handedOver = 0;
};

class MultiQueryScan {
 public:
  // `clearCodes`: top-level field codes the mapping keeps in clear; `filterCodes`: those it
  // keeps in the sealed filter body (sealed_filter), opened only when the clear values leave a
  // query undecided. `schema` resolves the requested `fields` (their kintone type is written
  // into the handed-over JSON).
  MultiQueryScan(std::vector<query::Query> queries, const std::set<std::string>& clearCodes,
                 const std::set<std::string>& filterCodes, const std::vector<std::string>& fields,
                 const query::Schema& schema, query::EvalContext context);
  ~MultiQueryScan();
  MultiQueryScan(const MultiQueryScan&) = delete;
  MultiQueryScan& operator=(const MultiQueryScan&) = delete;

  // Decides every query for `record`. Returns false when it matches none; otherwise fills
  // `matches` (one 0/1 per query) and `json` (the record with the requested fields and $id,
  // or the whole body when no field is requested). Throws crypto::OpenError when a body
  // that is needed does not decrypt.
  // `loadBody` gives the plaintext body when it is needed and the record came without one
  // (MirrorStore::forEachRecordValues); it is not called otherwise.
  bool decide(const store::StoredRecord& record, std::vector<std::uint8_t>& matches,
              std::string& json, const std::function<std::string()>& loadBody);
  // The same for a record read by forEachRecordValues(app, clearCodesRead(), ...): its values
  // are taken by position in clearCodesRead(). `loadBody` is called when the body is needed.
  bool decide(const store::RecordValues& record, std::vector<std::uint8_t>& matches,
              std::string& json, const std::function<std::string()>& loadBody);

  // The clear values decide() reads, sorted: what forEachRecordValues must deliver, in this
  // order.
  std::vector<std::string> clearCodesRead() const;
  // False when the handed-over records need the body (a requested field is not in clear, or
  // no field was requested): then read whole records.
  bool handsOverFromClear() const;

  const ScanStats& stats() const { return stats_; }

 private:
  bool decideCurrent(std::vector<std::uint8_t>& matches, std::string& json,
                     const std::function<std::string()>& bodyText);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ScanStats stats_;
};

}  // namespace teichaku::plugin_host
