#pragma once

#include <string>

#include "definitions.h"
#include "tally.h"

// The statistics as CSV (RFC 4180, CRLF). UTF-8 with a byte order mark by default, so Excel
// opens the Japanese text correctly.
namespace teichaku::stats {

struct CsvOptions {
  bool byteOrderMark = true;
};

// One block per centre (sorted) and a last block for 全センター: a title line, the period
// label, the note, then センター, 区分, one column per definition column.
std::string buildCountsCsv(const Definitions& definitions, const Tally& tally,
                           const std::string& periodLabel, const CsvOptions& options);

// The evidence: for every number, センター, 区分, 列, 数, ケース番号 (space-separated). Case
// numbers only, never names.
std::string buildEvidenceCsv(const Definitions& definitions, const Tally& tally,
                             const CsvOptions& options);

// A CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csvField(const std::string& text);

}  // namespace teichaku::stats
