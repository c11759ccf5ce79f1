#include "query/calendar.h"
#include "query/like.h"
#include "query/number.h"
#include "query/operator_rules.h"
#include "query/query.h"
#include "query/record_access.h"

// Evaluation of a parsed condition against one kintone record. Semantics and sources are listed
// in bridge/query/README.md; the short version is in comments where a choice was made.
namespace teichaku::query {
namespace {

using detail::view;

// Per-call values every predicate may need, computed once per matches() call.
struct Bound {
  const EvalContext& context;
  int64_t today;
};

bool isNegative(Operator op) {
  return op == Operator::kNotIn || op == Operator::kNotLike || op == Operator::kIsNotEmpty;
}

// DOC:query: "空白文字、改行文字、タブ文字のいずれかのみの文字列" counts as empty.
bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool isEmptyValue(const rapidjson::Value* value) {
  if (value == nullptr || value->IsNull()) {
    return true;
  }
  if (value->IsString()) {
    return isBlank(view(*value));
  }
  if (value->IsArray()) {
    return value->Empty();
  }
  return false;
}

std::string_view stringOf(const rapidjson::Value* value) {
  return value != nullptr && value->IsString() ? view(*value) : std::string_view{};
}

std::string_view codeOf(const rapidjson::Value& entity) {
  if (entity.IsObject()) {
    const auto it = entity.FindMember("code");
    if (it != entity.MemberEnd() && it->value.IsString()) {
      return view(it->value);
    }
  }
  return {};
}

// Three-way comparison of a field value against a literal range [begin, end).
bool compareRange(int64_t v, Operator op, int64_t begin, int64_t end) {
  switch (op) {
    case Operator::kEq:
      return v >= begin && v < end;
    case Operator::kNe:
      return v < begin || v >= end;
    case Operator::kGt:
      return v >= end;
    case Operator::kGe:
      return v >= begin;
    case Operator::kLt:
      return v < begin;
    case Operator::kLe:
      return v < end;
    default:
      return false;
  }
}

template <typename T>
bool compareValues(const T& v, Operator op, const T& literal) {
  switch (op) {
    case Operator::kEq:
      return v == literal;
    case Operator::kNe:
      return v != literal;
    case Operator::kGt:
      return v > literal;
    case Operator::kGe:
      return v >= literal;
    case Operator::kLt:
      return v < literal;
    case Operator::kLe:
      return v <= literal;
    default:
      return false;
  }
}

std::optional<double> numberOf(FieldType type, const rapidjson::Value* value) {
  const std::string_view text = stringOf(value);
  return type == FieldType::kRecordNumber ? detail::parseRecordNumber(text)
                                          : detail::parseNumber(text);
}

// The literal's period in the field's unit (days for DATE, seconds for date-times).
std::optional<detail::DayRange> literalRange(FieldType type, const Operand& operand,
                                             const Bound& bound) {
  const int64_t offsetSeconds = int64_t{bound.context.utcOffsetMinutes} * 60;
  const bool dateTime = detail::isDateTimeType(type);
  if (operand.kind == Operand::Kind::kFunction) {
    if (operand.function == Function::kNow) {
      return detail::DayRange{bound.context.nowEpochSeconds, bound.context.nowEpochSeconds + 1};
    }
    const detail::DayRange days = detail::functionDays(operand, bound.today);
    if (!dateTime) {
      return days;
    }
    return detail::DayRange{days.begin * detail::kSecondsPerDay - offsetSeconds,
                            days.end * detail::kSecondsPerDay - offsetSeconds};
  }
  if (dateTime && operand.dayRange) {
    return detail::DayRange{operand.rangeBegin * detail::kSecondsPerDay - offsetSeconds,
                            operand.rangeEnd * detail::kSecondsPerDay - offsetSeconds};
  }
  if (dateTime && operand.localTime) {
    return detail::DayRange{operand.rangeBegin - offsetSeconds, operand.rangeEnd - offsetSeconds};
  }
  return detail::DayRange{operand.rangeBegin, operand.rangeEnd};
}

// The field value on the same time line as literalRange().
std::optional<int64_t> temporalValue(FieldType type, const rapidjson::Value* value,
                                     const Bound& bound) {
  const std::string_view text = stringOf(value);
  if (type == FieldType::kDate) {
    return detail::parseDate(text);
  }
  if (type == FieldType::kTime) {
    return detail::parseTime(text);
  }
  const auto dateTime = detail::parseDateTime(text);
  if (!dateTime) {
    return std::nullopt;
  }
  return dateTime->hasZone ? dateTime->seconds
                           : dateTime->seconds - int64_t{bound.context.utcOffsetMinutes} * 60;
}

// = != > >= < <= with one operand.
bool evalComparison(const Predicate& predicate, const rapidjson::Value* value, const Bound& bound) {
  const FieldType type = predicate.field.type;
  const Operand& operand = predicate.operands.front();
  const Operator op = predicate.op;
  const bool fieldEmpty = isEmptyValue(value);
  // "" as a literal means "no value" (DOC:query sample `in ("")`; we extend it to =/!=).
  if (operand.kind != Operand::Kind::kFunction && operand.text.empty()) {
    return op == Operator::kEq ? fieldEmpty : op == Operator::kNe ? !fieldEmpty : false;
  }
  if (fieldEmpty) {
    return op == Operator::kNe;  // an empty field differs from any value
  }
  if (type == FieldType::kDate || type == FieldType::kTime || detail::isDateTimeType(type)) {
    const auto v = temporalValue(type, value, bound);
    const auto range = literalRange(type, operand, bound);
    if (!v || !range) {
      return op == Operator::kNe;
    }
    return compareRange(*v, op, range->begin, range->end);
  }
  if (detail::isNumericType(type) || type == FieldType::kCalc) {
    const auto v = numberOf(type, value);
    if (v && operand.numeric) {
      return compareValues(*v, op, operand.number);
    }
    if (type != FieldType::kCalc) {
      return op == Operator::kNe;
    }
    // CALC with a DATE/TIME/DATETIME format: its text compares in ISO order.
    return compareValues(stringOf(value), op, std::string_view(operand.text));
  }
  // Text and STATUS: exact, case-sensitive equality.
  return compareValues(stringOf(value), op, std::string_view(operand.text));
}

// Does one field value equal one in-list literal?
bool valueEquals(FieldType type, std::string_view fieldText, const Operand& operand) {
  if (detail::isNumericType(type) || type == FieldType::kCalc) {
    const auto v = type == FieldType::kRecordNumber ? detail::parseRecordNumber(fieldText)
                                                    : detail::parseNumber(fieldText);
    if (v && operand.numeric) {
      return *v == operand.number;
    }
    return type == FieldType::kCalc && fieldText == operand.text;
  }
  return fieldText == operand.text;
}

// in / not in. Returns nullopt when the predicate is to be ignored (PRIMARY_ORGANIZATION() for
// a caller without one: DOC:query says the condition is then ignored).
std::optional<bool> evalIn(const Predicate& predicate, const rapidjson::Value* value,
                           const Bound& bound) {
  const FieldType type = predicate.field.type;
  // Values of the field: one string, or each element of an array (options or entity codes).
  const auto anyFieldValue = [&](auto&& test) {
    if (value != nullptr && value->IsArray()) {
      for (const auto& element : value->GetArray()) {
        if (test(element.IsString() ? view(element) : codeOf(element))) {
          return true;
        }
      }
      return false;
    }
    if (value != nullptr && value->IsObject()) {
      return test(codeOf(*value));  // CREATOR / MODIFIER
    }
    return test(stringOf(value));
  };
  const bool fieldEmpty = isEmptyValue(value);
  bool found = false;
  for (const Operand& operand : predicate.operands) {
    if (operand.kind == Operand::Kind::kFunction) {
      const std::string& who = operand.function == Function::kLoginUser
                                   ? bound.context.loginUser
                                   : bound.context.primaryOrganization;
      if (who.empty() && operand.function == Function::kPrimaryOrganization) {
        return std::nullopt;
      }
      found = anyFieldValue([&](std::string_view v) { return v == who; });
    } else if (operand.text.empty()) {
      // in ("") matches "no selection": null, "" and [] alike (OBS:emu-query).
      found = fieldEmpty;
    } else {
      found = anyFieldValue([&](std::string_view v) { return valueEquals(type, v, operand); });
    }
    if (found) {
      break;
    }
  }
  return predicate.op == Operator::kIn ? found : !found;
}

bool evalLike(const Predicate& predicate, const rapidjson::Value* value) {
  const std::string_view needle = predicate.operands.front().text;
  bool found = false;
  if (value != nullptr && value->IsArray()) {
    // FILE: kintone also searches file contents; we only have the names (README).
    for (const auto& file : value->GetArray()) {
      if (file.IsObject()) {
        const auto name = file.FindMember("name");
        if (name != file.MemberEnd() && name->value.IsString() &&
            detail::likeMatches(view(name->value), needle)) {
          found = true;
          break;
        }
      }
    }
  } else {
    found = detail::likeMatches(stringOf(value), needle);
  }
  return predicate.op == Operator::kLike ? found : !found;
}

// nullopt = ignored predicate (see evalIn).
std::optional<bool> evalOnValue(const Predicate& predicate, const rapidjson::Value* value,
                                const Bound& bound) {
  switch (predicate.op) {
    case Operator::kIsEmpty:
      return isEmptyValue(value);
    case Operator::kIsNotEmpty:
      return !isEmptyValue(value);
    case Operator::kLike:
    case Operator::kNotLike:
      return evalLike(predicate, value);
    case Operator::kIn:
    case Operator::kNotIn:
      return evalIn(predicate, value, bound);
    default:
      return evalComparison(predicate, value, bound);
  }
}

bool holds(std::optional<bool> result) {
  return result.value_or(true);
}

const rapidjson::Value* topLevelValue(const Predicate& predicate, const rapidjson::Value& record) {
  return detail::fieldValue(record, predicate.field.code);
}

bool rowSatisfies(const Predicate& predicate, const rapidjson::Value& row, const Bound& bound) {
  const rapidjson::Value* fields = detail::rowFields(row);
  if (fields == nullptr) {
    return false;
  }
  return holds(evalOnValue(predicate, detail::fieldValue(*fields, predicate.field.code), bound));
}

// Subtable fields (OBS:emu-query, kintone-api.md §5.2): positive operators match when any row
// matches; negative ones (not in, not like, is not empty) when the table has rows and every row
// satisfies; a record with no rows matches neither.
bool evalSubtablePredicate(const Predicate& predicate, const rapidjson::Value& record,
                           const Bound& bound) {
  const rapidjson::Value* rows = detail::subtableRows(record, predicate.field.subtableCode);
  if (rows == nullptr || rows->Empty()) {
    return false;
  }
  const bool all = isNegative(predicate.op);
  for (const auto& row : rows->GetArray()) {
    const bool ok = rowSatisfies(predicate, row, bound);
    if (all && !ok) {
      return false;
    }
    if (!all && ok) {
      return true;
    }
  }
  return all;
}

bool evalPredicate(const Predicate& predicate, const rapidjson::Value& record, const Bound& bound) {
  if (predicate.field.inSubtable()) {
    return evalSubtablePredicate(predicate, record, bound);
  }
  return holds(evalOnValue(predicate, topLevelValue(predicate, record), bound));
}

bool isRowGroupMember(const Condition& child) {
  return child.kind == Condition::Kind::kPredicate && child.predicate.field.inSubtable() &&
         !isNegative(child.predicate.op);
}

bool sameTable(const Condition& a, const Condition& b) {
  return a.predicate.field.subtableCode == b.predicate.field.subtableCode;
}

bool evalCondition(const Condition& condition, const rapidjson::Value& record, const Bound& bound);

// `and` of positive conditions on one table's fields must hold on the same row
// (OBS:emu-query). The first such sibling leads the group; later members are skipped.
bool evalRowGroup(const std::vector<Condition>& children, std::size_t leader,
                  const rapidjson::Value& record, const Bound& bound) {
  const rapidjson::Value* rows =
      detail::subtableRows(record, children[leader].predicate.field.subtableCode);
  if (rows == nullptr) {
    return false;
  }
  for (const auto& row : rows->GetArray()) {
    bool all = true;
    for (std::size_t j = leader; j < children.size() && all; ++j) {
      if (isRowGroupMember(children[j]) && sameTable(children[j], children[leader])) {
        all = rowSatisfies(children[j].predicate, row, bound);
      }
    }
    if (all) {
      return true;
    }
  }
  return false;
}

bool evalAnd(const std::vector<Condition>& children, const rapidjson::Value& record,
             const Bound& bound) {
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (!isRowGroupMember(children[i])) {
      if (!evalCondition(children[i], record, bound)) {
        return false;
      }
      continue;
    }
    bool ledByEarlier = false;
    for (std::size_t j = 0; j < i && !ledByEarlier; ++j) {
      ledByEarlier = isRowGroupMember(children[j]) && sameTable(children[j], children[i]);
    }
    if (!ledByEarlier && !evalRowGroup(children, i, record, bound)) {
      return false;
    }
  }
  return true;
}

bool evalCondition(const Condition& condition, const rapidjson::Value& record, const Bound& bound) {
  switch (condition.kind) {
    case Condition::Kind::kPredicate:
      return evalPredicate(condition.predicate, record, bound);
    case Condition::Kind::kAnd:
      return evalAnd(condition.children, record, bound);
    case Condition::Kind::kOr:
      for (const auto& child : condition.children) {
        if (evalCondition(child, record, bound)) {
          return true;
        }
      }
      return false;
  }
  return false;
}

}  // namespace

bool matches(const Condition& condition, const rapidjson::Value& record,
             const EvalContext& context) {
  const Bound bound{context, detail::today(context)};
  return evalCondition(condition, record, bound);
}

bool matchesValue(const Predicate& predicate, const rapidjson::Value* value,
                  const EvalContext& context) {
  if (predicate.field.inSubtable()) {
    return false;
  }
  const Bound bound{context, detail::today(context)};
  return holds(evalOnValue(predicate, value, bound));
}

bool matches(const Query& query, const rapidjson::Value& record, const EvalContext& context) {
  return !query.condition || matches(*query.condition, record, context);
}

}  // namespace teichaku::query
