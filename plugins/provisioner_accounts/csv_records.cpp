#include "csv_records.h"

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {

std::vector<CsvRecord> readCsvRecords(std::string_view text) {
  std::vector<CsvRecord> records;
  CsvRecord current{1, {}};
  std::string field;
  bool quoted = false;     // inside "..."
  bool fieldOpen = false;  // something (even "") was read for this field
  std::size_t i = 0;
  auto endField = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    fieldOpen = false;
  };
  auto endRecord = [&] {
    endField();
    const int next = current.row + 1;
    records.push_back(std::move(current));
    current = CsvRecord{next, {}};
  };
  while (i < text.size()) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      ++i;
      continue;
    }
    if (c == '"' && field.empty() && !fieldOpen) {
      quoted = true;
      fieldOpen = true;
    } else if (c == ',') {
      endField();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      endRecord();
      ++i;
    } else if (c == '\n' || c == '\r') {
      endRecord();
    } else {
      field += c;
      fieldOpen = true;
    }
    ++i;
  }
  if (quoted) {
    throw plugin::Failure::fail(
        "ACCOUNTS_ROSTER_SYNTAX",
        "名簿の " + std::to_string(current.row) + " 行目で始まる \" が閉じられていません。");
  }
  if (fieldOpen || !field.empty() || !current.fields.empty()) {
    endRecord();
  }
  return records;
}

}  // namespace teichaku::accounts_plugin
