#pragma once

#include <string_view>

namespace teichaku::query::detail {

// kintone's `like` is a word search over a full-text index, not a substring test
// (DOC:query 補足; OBS:emu-query: "gamma keyword" like "key" -> no hit, like "keyword" -> hit).
// Our approximation, without an index: ASCII case-insensitive substring search in which an
// occurrence may not start or end inside an ASCII word (letters/digits); other text (Japanese)
// matches as a plain substring. An empty needle matches everything. See README.
bool likeMatches(std::string_view haystack, std::string_view needle);

}  // namespace teichaku::query::detail
