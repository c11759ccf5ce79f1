// The PostgreSQL write path of SqlStore. Every Poco statement costs several round
// trips (prepare, execute, deallocate), so a batch of records is written with a few
// multi-row statements instead of a few statements per record.
#include <Poco/Data/LOB.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "crypto/aead.h"
#include "store/clear_codec.h"
#include "store/record_sealing.h"
#include "store/sql_store.h"

using namespace Poco::Data::Keywords;

namespace teichaku::store {
namespace {

constexpr std::size_t kRecordsPerStatement = 500;  // 6 parameters each
// libpq drops the connection when a statement's parameter description exceeds
// 30000 bytes (4 bytes per parameter), so statements stay under 4000 parameters.
constexpr std::size_t kValuesPerStatement = 450;  // 8 parameters each

std::string placeholders(std::size_t rows, const char* row) {
  std::string out;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0)
      out += ", ";
    out += row;
  }
  return out;
}

struct ValueRow {
  const RecordInput* record;
  const std::string* subtable;
  std::int64_t rowId;
  const std::string* name;
  EncodedValue value;
};

// ON CONFLICT DO UPDATE refuses to touch one row twice in a statement.
std::vector<const RecordInput*> lastOfEach(const std::vector<const RecordInput*>& batch) {
  std::set<std::pair<std::string, std::int64_t>> seen;
  std::vector<const RecordInput*> out;
  for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
    if (seen.emplace((*it)->app, (*it)->id).second)
      out.push_back(*it);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

void SqlStore::upsertBatchPostgres(const std::vector<const RecordInput*>& input) {
  static const std::string kNoSubtable;
  const std::vector<const RecordInput*> records = lastOfEach(input);
  const Poco::Int64 keyId = keys_.activeId();
  for (std::size_t start = 0; start < records.size(); start += kRecordsPerStatement) {
    const std::size_t end = std::min(records.size(), start + kRecordsPerStatement);
    const std::size_t count = end - start;

    Poco::Data::Statement write = statement(
        "INSERT INTO records (app, record_id, revision, updated_at, key_id, body, filter_body) "
        "VALUES " +
        // Poco binds an empty BLOB as NULL: no filter body is stored as an empty bytea.
        placeholders(count, "(?, ?, ?, ?, ?, ?, COALESCE(?, {EMPTY_BLOB}))") +
        " ON CONFLICT (app, record_id) DO UPDATE SET revision = excluded.revision, "
        "updated_at = excluded.updated_at, key_id = excluded.key_id, body = excluded.body, "
        "filter_body = excluded.filter_body");
    std::vector<ValueRow> values;
    std::map<std::string, std::vector<Poco::Int64>> idsByApp;
    for (std::size_t i = start; i < end; ++i) {
      const RecordInput& r = *records[i];
      const std::string sealed = crypto::seal(keys_, r.body, recordAad(r.app, r.id));
      const std::string sealedFilter = sealFilter(keys_, r.app, r.id, r.filterBody);
      Poco::Data::BLOB body(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
      Poco::Data::BLOB filter(reinterpret_cast<const unsigned char*>(sealedFilter.data()),
                              sealedFilter.size());
      write, bind(r.app), bind(Poco::Int64{r.id}), bind(Poco::Int64{r.revision}), bind(r.updatedAt),
          bind(keyId), bind(body), bind(filter);
      idsByApp[r.app].push_back(r.id);
      for (const auto& [name, value] : r.clear) {
        values.push_back(ValueRow{&r, &kNoSubtable, 0, &name, encodeClearValue(value)});
      }
      for (const ChildRow& child : r.children) {
        for (const auto& [name, value] : child.values) {
          values.push_back(
              ValueRow{&r, &child.subtable, child.rowId, &name, encodeClearValue(value)});
        }
      }
    }
    run(write, "レコード保存");
    // Per app, "record_id IN (...)" uses the primary key; a row-value IN list over
    // (app, record_id) made PostgreSQL scan the table (about 1 s per 500 records).
    for (const auto& [app, ids] : idsByApp) {
      Poco::Data::Statement remove =
          statement("DELETE FROM clear_values WHERE app = ? AND record_id IN (" +
                    placeholders(ids.size(), "?") + ")");
      remove, bind(app);
      for (Poco::Int64 id : ids)
        remove, bind(id);
      run(remove, "レコード保存");
    }

    for (std::size_t first = 0; first < values.size(); first += kValuesPerStatement) {
      const std::size_t last = std::min(values.size(), first + kValuesPerStatement);
      Poco::Data::Statement insert = statement(
          "INSERT INTO clear_values (app, record_id, subtable, row_id, name, kind, text_value, "
          "num_value) VALUES " +
          placeholders(last - first, "(?, ?, ?, ?, ?, ?, ?, ?)"));
      for (std::size_t i = first; i < last; ++i) {
        const ValueRow& row = values[i];
        insert, bind(row.record->app), bind(Poco::Int64{row.record->id}), bind(*row.subtable),
            bind(Poco::Int64{row.rowId}), bind(*row.name), bind(std::string(row.value.kind)),
            bind(row.value.text), bind(row.value.number);
      }
      run(insert, "レコード保存");
    }
  }
}

}  // namespace teichaku::store
