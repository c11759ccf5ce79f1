#pragma once

#include <optional>
#include <string_view>

namespace teichaku::query::detail {

// kintone NUMBER text ("-12.5", "1e3", "+4") -> value; nullopt for anything else (incl. "",
// "inf", "nan"). Locale-independent.
std::optional<double> parseNumber(std::string_view text);

// RECORD_NUMBER "APPCODE-14" or "14" -> 14 (kintone-api.md §4: the app code prefix is optional).
std::optional<double> parseRecordNumber(std::string_view text);

}  // namespace teichaku::query::detail
