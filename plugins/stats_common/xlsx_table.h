#pragma once

#include <string>

#include "definitions.h"
#include "tally.h"

// The statistics as an Excel workbook (libxlsxwriter): sheet 集計 (print-ready: A4
// landscape, one page wide, header row repeated) and sheet 根拠 (the case numbers behind
// every number, never names).
namespace teichaku::stats {

// Returns the .xlsx bytes. Throws std::runtime_error (Japanese) when the workbook cannot be
// written.
std::string buildXlsx(const Definitions& definitions, const Tally& tally,
                      const std::string& periodLabel);

}  // namespace teichaku::stats
