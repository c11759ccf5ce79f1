#include "query/like.h"

namespace teichaku::query::detail {
namespace {

bool isAsciiWordChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsAt(std::string_view haystack, std::size_t pos, std::string_view needle) {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    if (lowerAscii(haystack[pos + i]) != lowerAscii(needle[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool likeMatches(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) {
    return true;
  }
  if (needle.size() > haystack.size()) {
    return false;
  }
  const bool wordStart = isAsciiWordChar(needle.front());
  const bool wordEnd = isAsciiWordChar(needle.back());
  for (std::size_t pos = 0; pos + needle.size() <= haystack.size(); ++pos) {
    if (!equalsAt(haystack, pos, needle)) {
      continue;
    }
    const std::size_t end = pos + needle.size();
    const bool startsInsideWord = wordStart && pos > 0 && isAsciiWordChar(haystack[pos - 1]);
    const bool endsInsideWord = wordEnd && end < haystack.size() && isAsciiWordChar(haystack[end]);
    if (!startsInsideWord && !endsInsideWord) {
      return true;
    }
  }
  return false;
}

}  // namespace teichaku::query::detail
