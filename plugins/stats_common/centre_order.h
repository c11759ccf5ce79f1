#pragma once

#include <string>
#include <string_view>
#include <vector>

// The order centres are printed in: by centre code (01a, 01b, 02 … 47), as
// samples/apps/centres.json lists them, not by name (a name order would put 大阪 before 東京).
namespace teichaku::stats {

// The centre names of a centres file ({"centres": [{"code": "01a", "name": "…"}, …]}) sorted
// by code. Throws std::runtime_error (Japanese, naming `sourceName`) when the text is not such
// a file.
std::vector<std::string> centreNamesByCode(std::string_view jsonText,
                                           const std::string& sourceName);

}  // namespace teichaku::stats
