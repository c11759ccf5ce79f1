#include "query/number.h"

#include <charconv>
#include <cmath>

namespace teichaku::query::detail {

std::optional<double> parseNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  const std::size_t firstDigit = !text.empty() && text.front() == '-' ? 1 : 0;
  if (text.size() <= firstDigit) {
    return std::nullopt;
  }
  const char lead = text[firstDigit];
  if (!(lead >= '0' && lead <= '9') && lead != '.') {
    return std::nullopt;  // rejects inf/nan spellings from_chars would take
  }
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parseRecordNumber(std::string_view text) {
  const std::size_t dash = text.rfind('-');
  if (dash != std::string_view::npos && dash > 0) {
    text.remove_prefix(dash + 1);
  }
  return parseNumber(text);
}

}  // namespace teichaku::query::detail
