#include <algorithm>

#include "query/number.h"
#include "query/operator_rules.h"
#include "query/query.h"
#include "query/record_access.h"

namespace teichaku::query {
namespace {

using detail::view;

std::string_view sortText(const rapidjson::Value* value) {
  if (value == nullptr) {
    return {};
  }
  if (value->IsString()) {
    return view(*value);
  }
  if (value->IsObject()) {  // CREATOR / MODIFIER sort by login code
    const auto code = value->FindMember("code");
    if (code != value->MemberEnd() && code->value.IsString()) {
      return view(code->value);
    }
  }
  return {};
}

int threeWay(auto a, auto b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Ascending comparison of one key. Empty values sort before any value (README).
int compareKey(const FieldRef& field, const rapidjson::Value& a, const rapidjson::Value& b) {
  const std::string_view textA = sortText(detail::fieldValue(a, field.code));
  const std::string_view textB = sortText(detail::fieldValue(b, field.code));
  if (textA.empty() || textB.empty()) {
    return threeWay(!textA.empty(), !textB.empty());
  }
  if (detail::isNumericType(field.type) || field.type == FieldType::kCalc) {
    const auto parse =
        field.type == FieldType::kRecordNumber ? detail::parseRecordNumber : detail::parseNumber;
    const auto numberA = parse(textA);
    const auto numberB = parse(textB);
    if (numberA && numberB) {
      return threeWay(*numberA, *numberB);
    }
    if (numberA || numberB) {
      return numberA ? 1 : -1;  // unparsable numbers sort with the empty ones
    }
  }
  // DATE "YYYY-MM-DD", TIME "HH:MM" and UTC DATETIME "...Z" all sort correctly as text.
  return threeWay(textA, textB);
}

void addUnique(std::vector<FieldRef>& fields, const FieldRef& field) {
  const auto same = [&](const FieldRef& f) {
    return f.code == field.code && f.subtableCode == field.subtableCode;
  };
  if (std::none_of(fields.begin(), fields.end(), same)) {
    fields.push_back(field);
  }
}

void collect(const Condition& condition, std::vector<FieldRef>& fields) {
  if (condition.kind == Condition::Kind::kPredicate) {
    addUnique(fields, condition.predicate.field);
    return;
  }
  for (const auto& child : condition.children) {
    collect(child, fields);
  }
}

}  // namespace

std::vector<OrderKey> defaultOrderBy() {
  return {OrderKey{FieldRef{"$id", FieldType::kId, {}, {}}, true}};
}

int compare(const std::vector<OrderKey>& orderBy, const rapidjson::Value& a,
            const rapidjson::Value& b) {
  for (const auto& key : orderBy) {
    const int result = compareKey(key.field, a, b);
    if (result != 0) {
      return key.descending ? -result : result;
    }
  }
  return 0;
}

void sortRecords(std::vector<const rapidjson::Value*>& records,
                 const std::vector<OrderKey>& orderBy) {
  const std::vector<OrderKey> keys = orderBy.empty() ? defaultOrderBy() : orderBy;
  std::stable_sort(records.begin(), records.end(),
                   [&](const rapidjson::Value* a, const rapidjson::Value* b) {
                     return compare(keys, *a, *b) < 0;
                   });
}

std::vector<FieldRef> referencedFields(const Query& query) {
  std::vector<FieldRef> fields;
  if (query.condition) {
    collect(*query.condition, fields);
  }
  for (const auto& key : query.orderBy) {
    addUnique(fields, key.field);
  }
  return fields;
}

}  // namespace teichaku::query
