#pragma once

#include <string>
#include <string_view>

#include "cell_counter.h"
#include "teichaku/plugin_abi.h"

// Reads the two values a tally needs from one kintone record JSON
// ({"code": {"type": .., "value": ..}}, kintone-api.md §4).
namespace teichaku::stats_national {

struct CaseKey {
  std::string recordId;  // $id, for messages about a record
  std::string caseNumber;
  std::string centre;
};

// Throws plugin::Failure (STATS_RECORD_UNREADABLE) when the JSON is not an object or the case
// number is missing: a case that cannot be named cannot be counted or shown as evidence.
CaseKey readCaseKey(std::string_view recordJson, const std::string& caseNumberField,
                    const std::string& centreField);

// Counts through the host: all queries in one mirror_query_many pass asking only for the case
// number and the centre (counting needs no other value), each record read with readCaseKey.
// Every 1000 records the host is asked whether to stop (then plugin::Failure Retry
// STATS_STOPPED).
stats::ScanQueries hostScanner(const tb_host* host, const stats::Definitions& definitions);

}  // namespace teichaku::stats_national
