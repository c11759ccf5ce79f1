#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

// The values the mirror keeps in clear: only what statistics and rules must filter
// or count on without decrypting (see README.md "Clear columns"). Everything else
// about a record is in its sealed body.
namespace teichaku::store {

// A kintone DATE ("2024-04-01") or DATETIME in UTC ("2024-04-01T09:00:00Z"); kept as
// ISO-8601 text so that text order is time order on both engines.
struct Date {
  std::string iso;
  bool operator==(const Date&) const = default;
};

// null | text (categories, status, centre code) | number | date.
using ClearValue = std::variant<std::monostate, std::string, double, Date>;
using ClearMap = std::map<std::string, ClearValue>;  // field code -> value

// One row of a kintone subtable reduced to its clear values, e.g. a 移行先 row
// with its 形態 and 日付 (statistics count these).
struct ChildRow {
  std::string subtable;  // field code of the subtable
  std::int64_t rowId = 0;
  ClearMap values;
  bool operator==(const ChildRow&) const = default;
};

}  // namespace teichaku::store
