#pragma once

#include <string>
#include <string_view>

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

}  // namespace teichaku::stats_national
