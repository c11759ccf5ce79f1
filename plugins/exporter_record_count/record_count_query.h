#pragma once

#include <optional>
#include <string>
#include <vector>

// Builds the kintone query an export runs per app: the configured condition, narrowed
// to the requested period and centres when the instance names the fields to use.
namespace teichaku::record_count {

struct QueryParts {
  std::string base;         // from the configuration; may be empty
  std::string dateField;    // field code compared with the period; empty = no period filter
  std::string centreField;  // field code matched against centres; empty = no centre filter
  std::optional<std::string> periodStart;  // YYYY-MM-DD, inclusive
  std::optional<std::string> periodEnd;
  std::vector<std::string> centres;
};

// Quotes a value for a kintone query string literal: `"` and `\` are
// backslash-escaped (shared/reference/kintone-api.md §5.1, DOC:query).
std::string quoteValue(const std::string& value);

std::string composeQuery(const QueryParts& parts);

}  // namespace teichaku::record_count
