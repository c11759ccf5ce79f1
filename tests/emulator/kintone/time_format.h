#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// kintone's date/time text forms (kintone-api.md §1.5).
namespace teichaku::emulator::kintone {

std::int64_t nowEpochSeconds();
// "2012-01-11T11:30:00Z": UTC, seconds dropped (minute precision).
std::string formatDateTime(std::int64_t epochSeconds);
// Accepts "YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)" and "YYYY-MM-DD"; epoch seconds.
std::optional<std::int64_t> parseDateTime(std::string_view text);
// "YYYY", "YYYY-M", "YYYY-M-D" (zero padded on output) -> "YYYY-MM-DD".
std::optional<std::string> normaliseDate(std::string_view text);
// "H:MM" / "HH:MM[:SS]" -> "HH:MM".
std::optional<std::string> normaliseTime(std::string_view text);

}  // namespace teichaku::emulator::kintone
