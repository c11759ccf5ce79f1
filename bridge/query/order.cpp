#include <algorithm>
#include <optional>
#include <utility>

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

// One record's value for one order key, extracted once so sorting does no lookups.
struct SortKey {
  std::string_view text;  // empty = no value
  std::optional<double> number;
};

SortKey sortKey(const FieldRef& field, const rapidjson::Value& record) {
  SortKey key{sortText(detail::fieldValue(record, field.code)), std::nullopt};
  if (!key.text.empty() && (detail::isNumericType(field.type) || field.type == FieldType::kCalc)) {
    key.number = field.type == FieldType::kRecordNumber ? detail::parseRecordNumber(key.text)
                                                        : detail::parseNumber(key.text);
  }
  return key;
}

int threeWay(auto a, auto b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Ascending comparison of one key. Empty values sort before any value (README); numbers
// numerically; a text that is not a number (CALC date formats) after all numbers, as text.
int compareKeys(const SortKey& a, const SortKey& b) {
  if (a.text.empty() || b.text.empty()) {
    return threeWay(!a.text.empty(), !b.text.empty());
  }
  if (a.number && b.number) {
    return threeWay(*a.number, *b.number);
  }
  if (a.number.has_value() != b.number.has_value()) {
    return a.number ? -1 : 1;
  }
  // DATE "YYYY-MM-DD", TIME "HH:MM" and UTC DATETIME "...Z" all sort correctly as text.
  return threeWay(a.text, b.text);
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
    const int result = compareKeys(sortKey(key.field, a), sortKey(key.field, b));
    if (result != 0) {
      return key.descending ? -result : result;
    }
  }
  return 0;
}

void sortRecords(std::vector<const rapidjson::Value*>& records,
                 const std::vector<OrderKey>& orderBy) {
  const std::vector<OrderKey> keys = orderBy.empty() ? defaultOrderBy() : orderBy;
  const std::size_t width = keys.size();
  // Keys of record i live at [i * width, (i + 1) * width).
  std::vector<SortKey> table;
  table.reserve(records.size() * width);
  for (const auto* record : records) {
    for (const auto& key : keys) {
      table.push_back(sortKey(key.field, *record));
    }
  }
  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < width; ++k) {
      const int result = compareKeys(table[a * width + k], table[b * width + k]);
      if (result != 0) {
        return keys[k].descending ? result > 0 : result < 0;
      }
    }
    return false;
  });
  std::vector<const rapidjson::Value*> sorted;
  sorted.reserve(records.size());
  for (const std::size_t i : order) {
    sorted.push_back(records[i]);
  }
  records = std::move(sorted);
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
