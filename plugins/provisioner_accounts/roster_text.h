#pragma once

#include <string>
#include <string_view>

// The roster file as the secretariat saves it from Excel: UTF-8 with or without a BOM,
// or CP932 (Excel's "CSV (コンマ区切り)"). Detection: text that is valid UTF-8 is UTF-8;
// anything else is decoded as CP932, including the NEC and IBM extensions (髙, 﨑).
namespace teichaku::accounts_plugin {

// Returns the text as UTF-8 without a BOM. Throws plugin::Failure (ACCOUNTS_ROSTER_ENCODING)
// naming the line of the first byte that is neither UTF-8 nor CP932.
std::string decodeRosterText(std::string_view bytes);

// True when `bytes` is well-formed UTF-8 (glibc iconv's check: no overlong forms, no
// surrogates).
bool isValidUtf8(std::string_view bytes);

}  // namespace teichaku::accounts_plugin
