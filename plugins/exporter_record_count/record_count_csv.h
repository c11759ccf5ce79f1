#pragma once

#include <cstdint>
#include <string>
#include <vector>

// The CSV this plugin writes: UTF-8 with a BOM and CRLF line ends, so Excel on the
// centres' Windows PCs opens Japanese text correctly.
namespace teichaku::record_count {

struct CountRow {
  std::string app;
  std::string query;
  std::uint64_t count = 0;
};

// Header アプリ,条件,件数 then one line per row; RFC 4180 quoting.
std::string buildCsv(const std::vector<CountRow>& rows);

}  // namespace teichaku::record_count
