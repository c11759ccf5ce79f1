#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"

// The offline query: the shared query language (bridge/query) over the mirror, with the
// field codes of the app. Field types come from the form the last sync read.
namespace teichaku::sync {

enum class QueryFormat { kCsv, kJson, kTable };
// "csv" | "json" | "table"; false for anything else.
bool parseQueryFormat(const std::string& text, QueryFormat& out);

struct QueryResult {
  Outcome outcome = Outcome::ok();  // SYNC_QUERY_INVALID, SYNC_NO_SCHEMA, SYNC_STORE_FAILED
  // What was read, for the caller's audit entry: record ids and the field codes shown.
  std::vector<std::int64_t> recordIds;
  std::vector<std::string> fieldCodes;
};

// Writes the matching records to `out`: the columns are $id, $revision and every mapped
// top-level field (subtables as JSON). Order: the query's `order by`, else $id descending as
// kintone does; `limit`/`offset` apply when given (no default limit offline).
QueryResult runQuery(store::MirrorStore& store, const mapping::Mapping& mapping,
                     const std::string& app, const std::string& queryText, QueryFormat format,
                     std::ostream& out, std::int64_t nowEpochSeconds);

}  // namespace teichaku::sync
