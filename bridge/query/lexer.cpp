#include "query/lexer.h"

#include <utility>

#include "query/errors.h"

namespace teichaku::query::detail {
namespace {

// U+3000 IDEOGRAPHIC SPACE in UTF-8.
constexpr std::string_view kFullWidthSpace = "\xE3\x80\x80";

// Length of the whitespace starting at `pos`, 0 if none.
std::size_t whitespaceLength(std::string_view text, std::size_t pos) {
  const char c = text[pos];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    return 1;
  }
  if (text.substr(pos, kFullWidthSpace.size()) == kFullWidthSpace) {
    return kFullWidthSpace.size();
  }
  return 0;
}

bool isDelimiter(char c) {
  return c == '(' || c == ')' || c == ',' || c == '"' || c == '=' || c == '!' || c == '<' ||
         c == '>';
}

// Reads a "..." literal starting at text[pos] == '"'. Escapes: \" \\ \t \n \r; any other
// backslash pair stands for the character itself.
std::optional<Token> readString(std::string_view text, std::size_t& pos, ParseError& error) {
  Token token{TokenKind::kString, {}, pos};
  ++pos;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '"') {
      ++pos;
      return token;
    }
    if (c == '\t' || c == '\n' || c == '\r') {
      error = syntaxError(pos);
      return std::nullopt;
    }
    if (c == '\\') {
      if (pos + 1 >= text.size()) {
        break;
      }
      const char escaped = text[pos + 1];
      switch (escaped) {
        case 't':
          token.text.push_back('\t');
          break;
        case 'n':
          token.text.push_back('\n');
          break;
        case 'r':
          token.text.push_back('\r');
          break;
        default:
          token.text.push_back(escaped);
          break;
      }
      pos += 2;
      continue;
    }
    token.text.push_back(c);
    ++pos;
  }
  error = syntaxError(token.offset);  // unterminated literal
  return std::nullopt;
}

std::optional<Token> readOperator(std::string_view text, std::size_t& pos, ParseError& error) {
  Token token{TokenKind::kOperator, {}, pos};
  const char c = text[pos];
  const bool followedByEquals = pos + 1 < text.size() && text[pos + 1] == '=';
  if (c == '=') {
    token.text = "=";
  } else if (c == '!') {
    if (!followedByEquals) {
      error = syntaxError(pos);
      return std::nullopt;
    }
    token.text = "!=";
  } else {
    token.text = std::string(1, c);
    if (followedByEquals) {
      token.text.push_back('=');
    }
  }
  pos += token.text.size();
  return token;
}

}  // namespace

std::optional<std::vector<Token>> tokenize(std::string_view text, ParseError& error) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (const std::size_t ws = whitespaceLength(text, pos); ws > 0) {
      pos += ws;
      continue;
    }
    const char c = text[pos];
    if (c == '(') {
      tokens.push_back({TokenKind::kLParen, "(", pos++});
    } else if (c == ')') {
      tokens.push_back({TokenKind::kRParen, ")", pos++});
    } else if (c == ',') {
      tokens.push_back({TokenKind::kComma, ",", pos++});
    } else if (c == '"') {
      auto token = readString(text, pos, error);
      if (!token) {
        return std::nullopt;
      }
      tokens.push_back(std::move(*token));
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      auto token = readOperator(text, pos, error);
      if (!token) {
        return std::nullopt;
      }
      tokens.push_back(std::move(*token));
    } else {
      const std::size_t start = pos;
      while (pos < text.size() && !isDelimiter(text[pos]) && whitespaceLength(text, pos) == 0) {
        ++pos;
      }
      tokens.push_back({TokenKind::kWord, std::string(text.substr(start, pos - start)), start});
    }
  }
  tokens.push_back({TokenKind::kEnd, {}, text.size()});
  return tokens;
}

bool isKeyword(const Token& token, std::string_view keyword) {
  if (token.kind != TokenKind::kWord || token.text.size() != keyword.size()) {
    return false;
  }
  for (std::size_t i = 0; i < keyword.size(); ++i) {
    char c = token.text[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != keyword[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace teichaku::query::detail
