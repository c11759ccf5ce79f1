#pragma once

#include <set>
#include <string>
#include <vector>

// The data checks as data (mappings/statistics/checks.toml): which cases have values that are
// missing or contradict each other, for the fields a statistics definition relies on.
// docs/data-checks.md explains each kind to operators.
namespace teichaku::stats {

enum class CheckKind {
  kRequired,   // `field` must have a value when `when` holds (always when `when` is empty)
  kDateOrder,  // when both dates are set, `earlier` must not be after `later`
  kAgeFlag,    // legal age on `base` ≥ `age` ⇒ `flag` holds `flag_value`
  kMatch       // every case matching `when` is a finding (the query describes the problem)
};

struct CheckDefinition {
  std::string id;     // stable ASCII id, e.g. "closed_without_end_date"
  std::string label;  // 点検項目, Japanese, printed
  CheckKind kind = CheckKind::kRequired;
  std::string when;       // kintone query (placeholders allowed); kRequired, kMatch
  std::string field;      // kRequired
  std::string earlier;    // kDateOrder
  std::string later;      // kDateOrder
  std::string birth;      // kAgeFlag: birth date field
  int age = 65;           // kAgeFlag
  std::string flag;       // kAgeFlag: the field that must be marked
  std::string flagValue;  // kAgeFlag: the mark, e.g. "高齢"
  std::string base;       // kAgeFlag: "age_base" (the definitions' base date) or a date field

  // The field codes this check reads, in a stable order (printed as 項目名): the ones the
  // check is about first, then those of `when`.
  std::vector<std::string> fields() const;
};

struct CheckSet {
  std::string scope;  // query for the cases checked in a period; "" = all
  std::vector<CheckDefinition> checks;
};

// Parses a checks file's text. Throws std::runtime_error with a Japanese message naming the
// file and line on a missing or malformed key, an unknown kind or a duplicate id.
CheckSet parseChecks(const std::string& tomlText, const std::string& sourceName);

// The checks that read at least one field in `reliedOn` (the definitions' fields), in file
// order.
std::vector<CheckDefinition> activeChecks(const CheckSet& set,
                                          const std::set<std::string>& reliedOn);

}  // namespace teichaku::stats
