#include "record_count_query.h"

namespace teichaku::record_count {

std::string quoteValue(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string composeQuery(const QueryParts& parts) {
  std::vector<std::string> conditions;
  if (!parts.base.empty()) {
    conditions.push_back("(" + parts.base + ")");
  }
  if (!parts.dateField.empty()) {
    if (parts.periodStart) {
      conditions.push_back(parts.dateField + " >= " + quoteValue(*parts.periodStart));
    }
    if (parts.periodEnd) {
      conditions.push_back(parts.dateField + " <= " + quoteValue(*parts.periodEnd));
    }
  }
  if (!parts.centreField.empty() && !parts.centres.empty()) {
    std::string list;
    for (const auto& c : parts.centres) {
      list += (list.empty() ? "" : ", ") + quoteValue(c);
    }
    conditions.push_back(parts.centreField + " in (" + list + ")");
  }
  std::string query;
  for (const auto& c : conditions) {
    query += (query.empty() ? "" : " and ") + c;
  }
  return query;
}

}  // namespace teichaku::record_count
