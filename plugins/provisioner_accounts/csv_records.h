#pragma once

#include <string>
#include <string_view>
#include <vector>

// RFC 4180 CSV as Excel writes it: fields separated by commas, records by CRLF or LF,
// fields in double quotes may hold commas, line breaks and "" for a quote.
// Hand-written because no Debian C++ library reads CSV; it is small and fuzz-shaped tests
// cover it.
namespace teichaku::accounts_plugin {

struct CsvRecord {
  int row = 0;  // the record's number as Excel shows it (header = 1)
  std::vector<std::string> fields;
};

// Throws plugin::Failure (ACCOUNTS_ROSTER_SYNTAX) for a quote left open at the end of the
// file, naming the row where it was opened.
std::vector<CsvRecord> readCsvRecords(std::string_view text);

}  // namespace teichaku::accounts_plugin
