#include "store/sql_dialect.h"

#include <array>
#include <utility>

namespace teichaku::store {
namespace {

struct Token {
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgres;
};

constexpr std::array<Token, 4> kTokens{{
    {"{BLOB}", "BLOB", "BYTEA"},
    {"{EMPTY_BLOB}", "x''", "''::bytea"},
    {"{REAL}", "REAL", "DOUBLE PRECISION"},
    // SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid alias).
    {"{AUTO_ID}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
}};

}  // namespace

std::string adaptSql(Engine engine, std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int parameter = 0;
  bool inLiteral = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') {
      inLiteral = !inLiteral;
    } else if (!inLiteral && c == '?' && engine == Engine::kPostgres) {
      out += "$" + std::to_string(++parameter);
      continue;
    } else if (!inLiteral && c == '{') {
      bool replaced = false;
      for (const Token& token : kTokens) {
        if (sql.substr(i, token.name.size()) == token.name) {
          out += engine == Engine::kSqlite ? token.sqlite : token.postgres;
          i += token.name.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced)
        continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace teichaku::store
