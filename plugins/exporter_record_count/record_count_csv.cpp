#include "record_count_csv.h"

namespace teichaku::record_count {
namespace {

// Hand-written: three columns of RFC 4180 do not justify a CSV library dependency.
std::string csvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    return value;
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string buildCsv(const std::vector<CountRow>& rows) {
  std::string csv = "\xEF\xBB\xBF";
  csv += "アプリ,条件,件数\r\n";
  for (const auto& row : rows) {
    csv += csvField(row.app) + "," + csvField(row.query) + "," + std::to_string(row.count) + "\r\n";
  }
  return csv;
}

}  // namespace teichaku::record_count
