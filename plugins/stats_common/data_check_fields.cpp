#include "data_check_fields.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace teichaku::stats {
namespace {

// Hand-written rather than bridge/query's referencedFields(): a plugin cannot link the core,
// and only the names are needed here, not a checked syntax tree.

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Bytes that end a word: whitespace, brackets, commas, quotes and operator characters.
bool endsWord(std::string_view text, std::size_t at) {
  const char c = text[at];
  return isAsciiSpace(c) || c == '(' || c == ')' || c == ',' || c == '"' || c == '=' || c == '!' ||
         c == '<' || c == '>' || text.substr(at, 3) == kIdeographicSpace;
}

std::size_t skipSpace(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    if (isAsciiSpace(text[at])) {
      ++at;
    } else if (text.substr(at, 3) == kIdeographicSpace) {
      at += 3;
    } else {
      break;
    }
  }
  return at;
}

bool isKeyword(std::string word) {
  static constexpr std::array<std::string_view, 13> kKeywords = {
      "and",   "or", "not", "in",   "like",  "is",    "empty",
      "order", "by", "asc", "desc", "limit", "offset"};
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

bool isNumber(const std::string& word) {
  return std::all_of(word.begin(), word.end(), [](unsigned char c) {
    return std::isdigit(c) != 0 || c == '-' || c == '.' || c == '+';
  });
}

}  // namespace

std::set<std::string> queryFieldCodes(std::string_view query) {
  std::set<std::string> codes;
  std::size_t at = 0;
  while ((at = skipSpace(query, at)) < query.size()) {
    const char c = query[at];
    if (c == '"') {
      for (++at; at < query.size() && query[at] != '"'; ++at) {
        if (query[at] == '\\') {
          ++at;  // an escaped character, maybe a quote
        }
      }
      ++at;
      continue;
    }
    if (endsWord(query, at)) {
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < query.size() && !endsWord(query, at)) {
      ++at;
    }
    const std::string word(query.substr(start, at - start));
    const std::size_t next = skipSpace(query, at);
    const bool function = next < query.size() && query[next] == '(' && !isKeyword(word);
    if (!function && !isKeyword(word) && !isNumber(word)) {
      codes.insert(word);
    }
  }
  return codes;
}

std::set<std::string> reliedOnFields(const Definitions& definitions) {
  std::set<std::string> fields = {definitions.caseNumberField, definitions.centreField};
  for (const auto* axes : {&definitions.rows, &definitions.columns}) {
    for (const auto& axis : *axes) {
      fields.merge(queryFieldCodes(axis.query));
    }
  }
  return fields;
}

}  // namespace teichaku::stats
