#pragma once

#include <string>
#include <vector>

#include "civil_date.h"

// A statistics layout as data (mappings/statistics/*.toml): rows × columns, each a condition
// in the kintone query language over the app's FIELD CODES (the host evaluates it over the
// mirror), with placeholders for the period. A cell counts the records matching
// `(row) and (column)`.
namespace teichaku::stats {

enum class Basis {
  kPersons,  // 実人員: distinct case numbers
  kEpisodes  // 延べ: matching records
};

struct Axis {
  std::string label;              // Japanese, printed
  std::string query;              // condition with placeholders; empty = every record
  Basis basis = Basis::kPersons;  // used on columns only
};

struct Definitions {
  std::string title;
  std::string note;             // printed under the title (e.g. "草案: 公表区分に準拠")
  std::string app;              // app name for the host's mirror query
  std::string caseNumberField;  // field code of the case number (evidence, 実人員)
  std::string centreField;      // field code of the owning centre
  std::string ageBase;          // "period_end" | "period_start": base date for ages
  std::vector<Axis> rows;
  std::vector<Axis> columns;
};

// Parses a definitions file's text. Throws std::runtime_error with a Japanese message naming
// the line on a missing or malformed key.
Definitions parseDefinitions(const std::string& tomlText, const std::string& sourceName);

struct Period {
  CivilDate start;
  CivilDate end;  // inclusive
};

// Replaces {period_start}, {period_end}, {age_base_date} and {born_by:N} (the latest birth
// date of a person aged N or more on the age base date) in `text`. Throws std::runtime_error on
// an unknown placeholder.
std::string expandPlaceholders(const std::string& text, const Period& period,
                               const std::string& ageBase);

// `(a) and (b)`, leaving out empty parts.
std::string conjoin(const std::string& a, const std::string& b);

}  // namespace teichaku::stats
