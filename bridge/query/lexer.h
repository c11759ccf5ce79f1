#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/query.h"

namespace teichaku::query::detail {

enum class TokenKind {
  kWord,      // field code, keyword, number, function name or symbol argument
  kString,    // "..." literal, already unescaped
  kOperator,  // = != < > <= >=
  kLParen,
  kRParen,
  kComma,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::size_t offset = 0;  // byte offset of the token in the query
};

// Splits a query into tokens. Whitespace outside literals is space, tab, CR, LF and the
// full-width space U+3000; raw tab/CR/LF inside a literal is a syntax error (kintone-api.md §5.1,
// OBS:emu-query). Returns nullopt and sets `error` on a lexical error.
std::optional<std::vector<Token>> tokenize(std::string_view text, ParseError& error);

// ASCII case-insensitive keyword test.
bool isKeyword(const Token& token, std::string_view keyword);

}  // namespace teichaku::query::detail
