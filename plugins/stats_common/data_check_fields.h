#pragma once

#include <set>
#include <string>
#include <string_view>

#include "definitions.h"

// Which field codes a statistics definition relies on, derived from its queries, so a data
// check runs only for fields that change a number.
namespace teichaku::stats {

// The field codes a kintone query names (its left-hand sides), in no particular order.
// Keywords, function names (a word followed by "("), numbers and quoted values are not
// field codes. Does not validate the query: the host's parser does that when it runs.
std::set<std::string> queryFieldCodes(std::string_view query);

// Every field code of every row and column, plus the case number and centre fields.
std::set<std::string> reliedOnFields(const Definitions& definitions);

}  // namespace teichaku::stats
