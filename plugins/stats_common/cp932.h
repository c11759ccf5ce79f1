#pragma once

#include <optional>
#include <string>
#include <string_view>

// UTF-8 -> CP932 (Windows-31J, what Japanese Excel opens by default) with glibc iconv.
namespace teichaku::stats {

// The CP932 bytes, or nullopt when `utf8` holds a character CP932 cannot represent (e.g.
// 𠮷) or is not valid UTF-8. Never replaces a character.
std::optional<std::string> toCp932(std::string_view utf8);

}  // namespace teichaku::stats
