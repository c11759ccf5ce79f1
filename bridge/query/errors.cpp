#include "query/errors.h"

#include <string>
#include <utility>

namespace teichaku::query::detail {
namespace {

ParseError make(std::string code, std::string message, std::size_t offset) {
  return ParseError{std::move(code), std::move(message), offset};
}

}  // namespace

// kintone answers CB_VA01 with errors.query.messages = ["クエリ記法が間違っています。"]; we carry
// that inner text, which is the one that tells the user what is wrong.
ParseError syntaxError(std::size_t offset) {
  return make("CB_VA01", "クエリ記法が間違っています。", offset);
}

ParseError invalidInput(std::size_t offset) {
  return make("CB_VA01", "入力内容が正しくありません。", offset);
}

ParseError unknownField(std::string_view name, std::size_t offset) {
  return make("GAIA_IQ11", "指定されたフィールド（" + std::string(name) + "）が見つかりません。",
              offset);
}

ParseError operatorNotAllowed(std::string_view name, std::string_view op, std::size_t offset) {
  return make("GAIA_IQ03",
              std::string(name) + "フィールドのフィールドタイプには演算子" + std::string(op) +
                  "を使用できません。",
              offset);
}

// kintone's code/text for a function the field type does not take was not found; we reuse the
// operator error's code with the function named.
ParseError functionNotAllowed(std::string_view name, std::string_view function,
                              std::size_t offset) {
  return make("GAIA_IQ03",
              std::string(name) + "フィールドのフィールドタイプには関数" + std::string(function) +
                  "を使用できません。",
              offset);
}

// Code observed (OBS:emu-query); the text is ours, kintone's wording was not captured.
ParseError subtableEquality(std::string_view name, std::string_view op, std::size_t offset) {
  return make("GAIA_IQ07",
              "テーブル内のフィールド（" + std::string(name) + "）には演算子" + std::string(op) +
                  "を使用できません。in または not in を使用してください。",
              offset);
}

ParseError optionNotFound(std::string_view name, std::string_view value, std::size_t offset) {
  return make("GAIA_IQ10",
              "フィールド「" + std::string(name) + "」の項目に「" + std::string(value) +
                  "」は存在しません。",
              offset);
}

// Code observed (OBS:emu-query); the text is ours.
ParseError tableFieldDotted(std::string_view name, std::size_t offset) {
  return make(
      "GAIA_IR02",
      "テーブル内のフィールドはテーブル名を付けずに指定します（" + std::string(name) + "）。",
      offset);
}

ParseError invalidDay(std::string_view value, std::size_t offset) {
  return make(
      "GAIA_IQ23",
      "指定した日にち（" + std::string(value) + "）は無効です。1から31までの整数で指定します。",
      offset);
}

ParseError invalidFromTodayUnit(std::size_t offset) {
  return make("GAIA_IQ25",
              "FROM_TODAY()の第2引数には、「DAYS」「WEEKS」「MONTHS」「YEARS」のいずれかを指定し"
              "ます。",
              offset);
}

ParseError wrongArgumentCount(std::size_t offset) {
  return make("GAIA_IL08", "クエリの指定が不正です。", offset);
}

ParseError limitTooLarge(std::size_t offset) {
  return make("GAIA_QU01", "limit には 500 以下の値を指定してください。", offset);
}

ParseError offsetTooLarge(std::size_t offset) {
  return make("GAIA_QU02", "offset には 10,000 以下の値を指定してください。", offset);
}

}  // namespace teichaku::query::detail
