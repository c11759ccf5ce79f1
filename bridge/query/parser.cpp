#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "query/calendar.h"
#include "query/errors.h"
#include "query/lexer.h"
#include "query/number.h"
#include "query/operator_rules.h"
#include "query/query.h"

namespace teichaku::query {
namespace {

using detail::isKeyword;
using detail::Token;
using detail::TokenKind;

// Parentheses nest at most this deep; deeper input is rejected so that hostile queries cannot
// exhaust the stack (parser, evaluator and destructor all recurse).
constexpr int kMaxDepth = 64;
// FROM_TODAY(n, unit) bounds that keep every date inside std::chrono's year range.
constexpr int64_t kMaxFromTodayDays = 3'000'000;
constexpr int64_t kMaxFromTodayMonths = 300'000;

struct FunctionName {
  std::string_view name;
  Function function;
};
constexpr std::array<FunctionName, 16> kFunctions{{
    {"LOGINUSER", Function::kLoginUser},
    {"PRIMARY_ORGANIZATION", Function::kPrimaryOrganization},
    {"NOW", Function::kNow},
    {"TODAY", Function::kToday},
    {"YESTERDAY", Function::kYesterday},
    {"TOMORROW", Function::kTomorrow},
    {"FROM_TODAY", Function::kFromToday},
    {"THIS_WEEK", Function::kThisWeek},
    {"LAST_WEEK", Function::kLastWeek},
    {"NEXT_WEEK", Function::kNextWeek},
    {"THIS_MONTH", Function::kThisMonth},
    {"LAST_MONTH", Function::kLastMonth},
    {"NEXT_MONTH", Function::kNextMonth},
    {"THIS_YEAR", Function::kThisYear},
    {"LAST_YEAR", Function::kLastYear},
    {"NEXT_YEAR", Function::kNextYear},
}};

constexpr std::array<std::string_view, 7> kWeekdays{"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                                    "THURSDAY", "FRIDAY", "SATURDAY"};

std::optional<int64_t> parseInteger(std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Schema& schema, const ParseOptions& options)
      : tokens_(std::move(tokens)), schema_(schema), options_(options) {}

  ParseResult run() {
    Query query;
    if (!startsClause()) {
      Condition condition;
      if (!parseOr(condition, 0)) {
        return failure();
      }
      query.condition = std::move(condition);
    }
    if (isKeyword(peek(), "order")) {
      if (!parseOrderBy(query)) {
        return failure();
      }
    }
    // kintone documents `limit` before `offset`; either order is accepted here (README).
    while (isKeyword(peek(), "limit") || isKeyword(peek(), "offset")) {
      if (!parseLimitOrOffset(query)) {
        return failure();
      }
    }
    if (peek().kind != TokenKind::kEnd) {
      syntax(peek());
      return failure();
    }
    ParseResult result;
    result.query = std::move(query);
    return result;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& next() {
    const Token& token = peek();
    if (pos_ < tokens_.size() - 1) {
      ++pos_;
    }
    return token;
  }
  bool fail(ParseError error) {
    if (!error_) {
      error_ = std::move(error);
    }
    return false;
  }
  bool syntax(const Token& at) { return fail(detail::syntaxError(at.offset)); }
  ParseResult failure() {
    ParseResult result;
    result.error = error_.value_or(detail::syntaxError(0));
    return result;
  }

  // A query may start directly with `order by`, `limit` or `offset`.
  bool startsClause() const {
    const Token& first = peek();
    if (first.kind == TokenKind::kEnd) {
      return true;
    }
    if (isKeyword(first, "order") && isKeyword(peek(1), "by")) {
      return true;
    }
    return (isKeyword(first, "limit") || isKeyword(first, "offset")) &&
           peek(1).kind == TokenKind::kWord;
  }

  // and binds tighter than or, as in SQL; parentheses group.
  bool parseOr(Condition& out, int depth) {
    Condition first;
    if (!parseAnd(first, depth)) {
      return false;
    }
    if (!isKeyword(peek(), "or")) {
      out = std::move(first);
      return true;
    }
    out = Condition{Condition::Kind::kOr, {}, {}};
    out.children.push_back(std::move(first));
    while (isKeyword(peek(), "or")) {
      next();
      Condition child;
      if (!parseAnd(child, depth)) {
        return false;
      }
      out.children.push_back(std::move(child));
    }
    return true;
  }

  bool parseAnd(Condition& out, int depth) {
    Condition first;
    if (!parseTerm(first, depth)) {
      return false;
    }
    if (!isKeyword(peek(), "and")) {
      out = std::move(first);
      return true;
    }
    out = Condition{Condition::Kind::kAnd, {}, {}};
    out.children.push_back(std::move(first));
    while (isKeyword(peek(), "and")) {
      next();
      Condition child;
      if (!parseTerm(child, depth)) {
        return false;
      }
      out.children.push_back(std::move(child));
    }
    return true;
  }

  bool parseTerm(Condition& out, int depth) {
    if (peek().kind == TokenKind::kLParen) {
      if (depth >= kMaxDepth) {
        return syntax(peek());
      }
      next();
      if (!parseOr(out, depth + 1)) {
        return false;
      }
      if (peek().kind != TokenKind::kRParen) {
        return syntax(peek());
      }
      next();
      return true;
    }
    out.kind = Condition::Kind::kPredicate;
    return parsePredicate(out.predicate);
  }

  bool resolveField(const Token& name, FieldRef& out) {
    if (name.kind != TokenKind::kWord) {
      return syntax(name);
    }
    if (name.text == "$id") {
      out = FieldRef{"$id", FieldType::kId, {}, {}};
      return true;
    }
    if (name.text == "$revision") {
      out = FieldRef{"$revision", FieldType::kRevision, {}, {}};
      return true;
    }
    if (auto field = schema_.resolve(name.text)) {
      out = std::move(*field);
      return true;
    }
    // `Table.Field`: kintone wants inner fields without the table prefix (OBS:emu-query).
    if (const auto dot = name.text.find('.'); dot != std::string::npos) {
      const auto table = schema_.resolve(std::string_view(name.text).substr(0, dot));
      if (table && table->type == FieldType::kSubtable) {
        return fail(detail::tableFieldDotted(name.text, name.offset));
      }
    }
    return fail(detail::unknownField(name.text, name.offset));
  }

  bool parseOperator(Operator& op) {
    const Token& token = next();
    if (token.kind == TokenKind::kOperator) {
      static constexpr std::array<std::pair<std::string_view, Operator>, 6> kOps{{
          {"=", Operator::kEq},
          {"!=", Operator::kNe},
          {">", Operator::kGt},
          {"<", Operator::kLt},
          {">=", Operator::kGe},
          {"<=", Operator::kLe},
      }};
      for (const auto& [text, value] : kOps) {
        if (token.text == text) {
          op = value;
          return true;
        }
      }
      return syntax(token);
    }
    if (isKeyword(token, "in")) {
      op = Operator::kIn;
      return true;
    }
    if (isKeyword(token, "like")) {
      op = Operator::kLike;
      return true;
    }
    if (isKeyword(token, "not")) {
      const Token& second = next();
      if (isKeyword(second, "in")) {
        op = Operator::kNotIn;
        return true;
      }
      if (isKeyword(second, "like")) {
        op = Operator::kNotLike;
        return true;
      }
      return syntax(second);
    }
    if (isKeyword(token, "is")) {
      bool negated = false;
      if (isKeyword(peek(), "not")) {
        next();
        negated = true;
      }
      const Token& empty = next();
      if (!isKeyword(empty, "empty")) {
        return syntax(empty);
      }
      op = negated ? Operator::kIsNotEmpty : Operator::kIsEmpty;
      return true;
    }
    return syntax(token);
  }

  bool parsePredicate(Predicate& out) {
    const Token& name = next();
    if (!resolveField(name, out.field)) {
      return false;
    }
    const std::size_t operatorOffset = peek().offset;
    if (!parseOperator(out.op)) {
      return false;
    }
    if (out.op == Operator::kIn || out.op == Operator::kNotIn) {
      if (!parseValueList(out.operands)) {
        return false;
      }
    } else if (out.op == Operator::kLike || out.op == Operator::kNotLike) {
      const Token& value = next();
      if (value.kind != TokenKind::kString) {
        return syntax(value);
      }
      Operand operand;
      operand.text = value.text;
      out.operands.push_back(std::move(operand));
      valueOffsets_.push_back(value.offset);
    } else if (out.op != Operator::kIsEmpty && out.op != Operator::kIsNotEmpty) {
      Operand operand;
      if (!parseValue(operand)) {
        return false;
      }
      out.operands.push_back(std::move(operand));
    }
    return checkAndConvert(name, operatorOffset, out);
  }

  bool parseValueList(std::vector<Operand>& operands) {
    const Token& open = next();
    if (open.kind != TokenKind::kLParen) {
      return syntax(open);
    }
    while (true) {
      Operand operand;
      if (!parseValue(operand)) {
        return false;
      }
      operands.push_back(std::move(operand));
      const Token& separator = next();
      if (separator.kind == TokenKind::kRParen) {
        return true;
      }
      if (separator.kind != TokenKind::kComma) {
        return syntax(separator);
      }
    }
  }

  // string | number | FUNCTION(args)
  bool parseValue(Operand& out) {
    const Token& token = next();
    valueOffsets_.push_back(token.offset);
    if (token.kind == TokenKind::kString) {
      out.kind = Operand::Kind::kString;
      out.text = token.text;
      return true;
    }
    if (token.kind != TokenKind::kWord) {
      return syntax(token);
    }
    if (peek().kind == TokenKind::kLParen) {
      return parseFunction(token, out);
    }
    if (!detail::parseNumber(token.text)) {
      return syntax(token);
    }
    out.kind = Operand::Kind::kNumber;
    out.text = token.text;
    return true;
  }

  bool parseFunction(const Token& name, Operand& out) {
    const auto found = std::find_if(kFunctions.begin(), kFunctions.end(), [&](const auto& f) {
      return isKeyword(name, toLower(f.name));
    });
    if (found == kFunctions.end()) {
      return syntax(name);
    }
    out.kind = Operand::Kind::kFunction;
    out.text = std::string(found->name) + "()";
    out.function = found->function;
    next();  // (
    std::vector<Token> args;
    if (peek().kind != TokenKind::kRParen) {
      while (true) {
        const Token& arg = next();
        if (arg.kind != TokenKind::kWord) {
          return syntax(arg);
        }
        args.push_back(arg);
        const Token& separator = next();
        if (separator.kind == TokenKind::kRParen) {
          break;
        }
        if (separator.kind != TokenKind::kComma) {
          return syntax(separator);
        }
      }
    } else {
      next();
    }
    return checkArguments(name, args, out);
  }

  bool checkArguments(const Token& name, const std::vector<Token>& args, Operand& out) {
    switch (out.function) {
      case Function::kFromToday: {
        if (args.size() != 2) {
          return fail(detail::wrongArgumentCount(name.offset));
        }
        const auto amount = parseInteger(args[0].text);
        if (!amount) {
          return fail(detail::wrongArgumentCount(args[0].offset));
        }
        static constexpr std::array<std::pair<std::string_view, FromTodayUnit>, 4> kUnits{{
            {"days", FromTodayUnit::kDays},
            {"weeks", FromTodayUnit::kWeeks},
            {"months", FromTodayUnit::kMonths},
            {"years", FromTodayUnit::kYears},
        }};
        const auto unit = std::find_if(kUnits.begin(), kUnits.end(),
                                       [&](const auto& u) { return isKeyword(args[1], u.first); });
        if (unit == kUnits.end()) {
          return fail(detail::invalidFromTodayUnit(args[1].offset));
        }
        out.functionAmount = *amount;
        out.fromTodayUnit = unit->second;
        const int64_t months = unit->second == FromTodayUnit::kYears    ? *amount * 12
                               : unit->second == FromTodayUnit::kMonths ? *amount
                                                                        : 0;
        const int64_t days = unit->second == FromTodayUnit::kWeeks  ? *amount * 7
                             : unit->second == FromTodayUnit::kDays ? *amount
                                                                    : 0;
        if (*amount > kMaxFromTodayDays || *amount < -kMaxFromTodayDays ||
            months > kMaxFromTodayMonths || months < -kMaxFromTodayMonths ||
            days > kMaxFromTodayDays || days < -kMaxFromTodayDays) {
          return fail(detail::syntaxError(args[0].offset));
        }
        return true;
      }
      case Function::kThisWeek:
      case Function::kLastWeek:
      case Function::kNextWeek:
        out.functionAmount = -1;  // whole week
        if (args.size() > 1) {
          return fail(detail::wrongArgumentCount(name.offset));
        }
        if (args.size() == 1) {
          const auto day = std::find_if(kWeekdays.begin(), kWeekdays.end(),
                                        [&](std::string_view d) { return args[0].text == d; });
          if (day == kWeekdays.end()) {
            return syntax(args[0]);  // kintone's code for a bad weekday was not captured
          }
          out.functionAmount = day - kWeekdays.begin();
        }
        return true;
      case Function::kThisMonth:
      case Function::kLastMonth:
      case Function::kNextMonth:
        out.functionAmount = 0;  // whole month
        if (args.size() > 1) {
          return fail(detail::wrongArgumentCount(name.offset));
        }
        if (args.size() == 1) {
          if (args[0].text == "LAST") {
            out.functionAmount = -1;
            return true;
          }
          const auto day = parseInteger(args[0].text);
          if (!day || *day < 1 || *day > 31) {
            return fail(detail::invalidDay(args[0].text, args[0].offset));
          }
          out.functionAmount = *day;
        }
        return true;
      default:
        if (!args.empty()) {
          return fail(detail::wrongArgumentCount(name.offset));
        }
        return true;
    }
  }

  static std::string toLower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return lower;
  }

  // Order of checks follows kintone (kintone-api.md §5.2): unknown option (IQ10) first, then
  // `=`/`!=` on a table field (IQ07), then the per-type operator table (IQ03).
  bool checkAndConvert(const Token& name, std::size_t operatorOffset, Predicate& predicate) {
    std::vector<std::size_t> offsets = std::move(valueOffsets_);
    valueOffsets_.clear();
    offsets.resize(predicate.operands.size(), operatorOffset);
    const FieldRef& field = predicate.field;
    if (detail::isChoiceType(field.type) && !field.options.empty()) {
      for (std::size_t i = 0; i < predicate.operands.size(); ++i) {
        const Operand& operand = predicate.operands[i];
        if (operand.kind == Operand::Kind::kFunction || operand.text.empty()) {
          continue;
        }
        if (std::find(field.options.begin(), field.options.end(), operand.text) ==
            field.options.end()) {
          return fail(detail::optionNotFound(name.text, operand.text, offsets[i]));
        }
      }
    }
    const std::string_view opText = toString(predicate.op);
    if (field.inSubtable() && (predicate.op == Operator::kEq || predicate.op == Operator::kNe)) {
      return fail(detail::subtableEquality(name.text, opText, operatorOffset));
    }
    if (!detail::operatorAllowed(field.type, predicate.op)) {
      return fail(detail::operatorNotAllowed(name.text, opText, operatorOffset));
    }
    for (std::size_t i = 0; i < predicate.operands.size(); ++i) {
      if (!convertOperand(name, field, predicate.operands[i], offsets[i])) {
        return false;
      }
    }
    return true;
  }

  // Pre-converts a literal for the field's type so evaluation does no parsing.
  bool convertOperand(const Token& name, const FieldRef& field, Operand& operand,
                      std::size_t offset) {
    if (operand.kind == Operand::Kind::kFunction) {
      if (!detail::functionAllowed(field.type, operand.function)) {
        return fail(detail::functionNotAllowed(name.text, operand.text, offset));
      }
      return true;
    }
    if (operand.text.empty()) {
      return true;  // "" stands for "no value" with every type
    }
    const FieldType type = field.type;
    if (detail::isNumericType(type) || type == FieldType::kCalc) {
      const auto number = type == FieldType::kRecordNumber ? detail::parseRecordNumber(operand.text)
                                                           : detail::parseNumber(operand.text);
      if (number) {
        operand.number = *number;
        operand.numeric = true;
      } else if (type != FieldType::kCalc) {
        return fail(detail::syntaxError(offset));
      }
      return true;
    }
    if (operand.kind == Operand::Kind::kNumber &&
        (type == FieldType::kDate || type == FieldType::kTime || detail::isDateTimeType(type))) {
      return fail(detail::syntaxError(offset));
    }
    if (type == FieldType::kDate) {
      const auto day = detail::parseDate(operand.text);
      if (!day) {
        return fail(detail::syntaxError(offset));
      }
      operand.rangeBegin = *day;
      operand.rangeEnd = *day + 1;
      return true;
    }
    if (type == FieldType::kTime) {
      const auto minutes = detail::parseTime(operand.text);
      if (!minutes) {
        return fail(detail::syntaxError(offset));
      }
      operand.rangeBegin = *minutes;
      operand.rangeEnd = *minutes + 1;
      return true;
    }
    if (detail::isDateTimeType(type)) {
      // A bare date means that whole day in the caller's time zone (DOC:query; §5.3 "falls
      // within that period").
      if (const auto day = detail::parseDate(operand.text)) {
        operand.dayRange = true;
        operand.rangeBegin = *day;
        operand.rangeEnd = *day + 1;
        return true;
      }
      const auto dateTime = detail::parseDateTime(operand.text);
      if (!dateTime) {
        return fail(detail::syntaxError(offset));
      }
      operand.localTime = !dateTime->hasZone;
      operand.rangeBegin = dateTime->seconds;
      operand.rangeEnd = dateTime->seconds + 1;
      return true;
    }
    return true;
  }

  bool parseOrderBy(Query& query) {
    const Token& order = next();
    if (!options_.allowOrderBy || !isKeyword(peek(), "by")) {
      return syntax(order);
    }
    next();
    while (true) {
      const Token& name = next();
      OrderKey key;
      if (!resolveField(name, key.field)) {
        return false;
      }
      if (!detail::sortable(key.field)) {
        return syntax(name);  // kintone's code for an unsortable field was not captured
      }
      if (isKeyword(peek(), "asc")) {
        next();
      } else if (isKeyword(peek(), "desc")) {
        next();
        key.descending = true;
      }
      query.orderBy.push_back(std::move(key));
      if (peek().kind != TokenKind::kComma) {
        return true;
      }
      next();
    }
  }

  bool parseLimitOrOffset(Query& query) {
    const Token& keyword = next();
    const bool isLimit = isKeyword(keyword, "limit");
    if (!options_.allowLimitOffset || (isLimit ? query.limit : query.offset)) {
      return syntax(keyword);
    }
    const Token& value = next();
    if (value.kind != TokenKind::kWord) {
      return syntax(value);
    }
    const auto number = parseInteger(value.text);
    if (!number) {
      return syntax(value);
    }
    if (*number < 0) {
      return fail(detail::invalidInput(value.offset));
    }
    if (isLimit) {
      if (*number > kMaxLimit) {
        return fail(detail::limitTooLarge(value.offset));
      }
      query.limit = static_cast<int>(*number);
    } else {
      if (*number > kMaxOffset) {
        return fail(detail::offsetTooLarge(value.offset));
      }
      query.offset = static_cast<int>(*number);
    }
    return true;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const Schema& schema_;
  const ParseOptions& options_;
  std::optional<ParseError> error_;
  std::vector<std::size_t> valueOffsets_;  // offsets of the current predicate's values
};

}  // namespace

ParseResult parse(std::string_view text, const Schema& schema, const ParseOptions& options) {
  ParseError error;
  auto tokens = detail::tokenize(text, error);
  if (!tokens) {
    ParseResult result;
    result.error = std::move(error);
    return result;
  }
  return Parser(std::move(*tokens), schema, options).run();
}

}  // namespace teichaku::query
