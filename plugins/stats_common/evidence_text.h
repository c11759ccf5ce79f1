#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The case numbers behind one number, as the text of the evidence sheet's cells.
namespace teichaku::stats {

// Excel keeps at most 32,767 characters in a cell ("Excel specifications and limits";
// libxlsxwriter refuses a longer string with LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED and the
// cell stays empty). A 全センター cell of a national survey holds tens of thousands of case
// numbers, so the list continues on further rows. Bytes are counted, which is never fewer than
// characters.
inline constexpr std::size_t kCellTextLimit = 32767;

// `numbers` joined by single spaces, cut between two numbers into pieces of at most
// `maxBytes` bytes each; one empty piece when there are none. A single number longer than
// `maxBytes` gets a piece of its own.
std::vector<std::string> caseNumberPieces(const std::vector<std::string_view>& numbers,
                                          std::size_t maxBytes = kCellTextLimit);

}  // namespace teichaku::stats
