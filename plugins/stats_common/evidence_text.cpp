#include "evidence_text.h"

namespace teichaku::stats {

std::vector<std::string> caseNumberPieces(const std::vector<std::string_view>& numbers,
                                          std::size_t maxBytes) {
  std::vector<std::string> pieces(1);
  for (std::string_view number : numbers) {
    std::string* piece = &pieces.back();
    if (!piece->empty() && piece->size() + 1 + number.size() > maxBytes) {
      piece = &pieces.emplace_back();
    }
    if (!piece->empty()) {
      *piece += ' ';
    }
    *piece += number;
  }
  return pieces;
}

}  // namespace teichaku::stats
