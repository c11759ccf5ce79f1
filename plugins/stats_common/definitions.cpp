#include "definitions.h"

#include <toml++/toml.h>

#include <charconv>
#include <stdexcept>

namespace teichaku::stats {
namespace {

std::string where(const std::string& source, const toml::node& node) {
  return source + ":" + std::to_string(node.source().begin.line);
}

std::string requiredString(const toml::table& table, const char* key, const std::string& source) {
  const auto* value = table.get_as<std::string>(key);
  if (value == nullptr || value->get().empty()) {
    throw std::runtime_error(where(source, table) + ": 「" + key + "」（文字列）がありません。");
  }
  return value->get();
}

std::vector<Axis> readAxes(const toml::table& root, const char* key, const std::string& source,
                           bool withBasis) {
  const auto* array = root.get_as<toml::array>(key);
  if (array == nullptr || array->empty()) {
    throw std::runtime_error(source + ": [[" + key + "]] が1つもありません。");
  }
  std::vector<Axis> axes;
  for (const auto& node : *array) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      throw std::runtime_error(where(source, node) + ": [[" + key + "]] は表にしてください。");
    }
    Axis axis;
    axis.label = requiredString(*table, "label", source);
    axis.query = table->get_as<std::string>("query") != nullptr
                     ? table->get_as<std::string>("query")->get()
                     : std::string();
    if (withBasis) {
      const std::string basis = requiredString(*table, "basis", source);
      if (basis == "実人員") {
        axis.basis = Basis::kPersons;
      } else if (basis == "延べ") {
        axis.basis = Basis::kEpisodes;
      } else {
        throw std::runtime_error(where(source, *table) +
                                 ": basis は「実人員」か「延べ」にしてください。");
      }
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

}  // namespace

Definitions parseDefinitions(const std::string& tomlText, const std::string& sourceName) {
  toml::table root;
  try {
    root = toml::parse(tomlText, sourceName);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(sourceName + ":" + std::to_string(e.source().begin.line) +
                             ": 定義ファイルを読めません: " + std::string(e.description()));
  }
  Definitions d;
  d.title = requiredString(root, "title", sourceName);
  d.note = root.get_as<std::string>("note") != nullptr ? root.get_as<std::string>("note")->get()
                                                       : std::string();
  d.app = requiredString(root, "app", sourceName);
  d.caseNumberField = requiredString(root, "case_number_field", sourceName);
  d.centreField = requiredString(root, "centre_field", sourceName);
  d.ageBase = requiredString(root, "age_base", sourceName);
  if (d.ageBase != "period_end" && d.ageBase != "period_start") {
    throw std::runtime_error(sourceName +
                             ": age_base は「period_end」か「period_start」にしてください。");
  }
  d.rows = readAxes(root, "rows", sourceName, false);
  d.columns = readAxes(root, "columns", sourceName, true);
  return d;
}

std::string expandPlaceholders(const std::string& text, const Period& period,
                               const std::string& ageBase) {
  const CivilDate base = ageBase == "period_start" ? period.start : period.end;
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('{', at);
    if (open == std::string::npos) {
      out.append(text, at, std::string::npos);
      break;
    }
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      throw std::runtime_error("定義の条件に閉じていない { があります: " + text);
    }
    out.append(text, at, open - at);
    const std::string name = text.substr(open + 1, close - open - 1);
    int age = 0;
    if (name == "period_start") {
      out += formatDate(period.start);
    } else if (name == "period_end") {
      out += formatDate(period.end);
    } else if (name == "age_base_date") {
      out += formatDate(base);
    } else if (name.rfind("born_by:", 0) == 0 &&
               std::from_chars(name.data() + 8, name.data() + name.size(), age).ptr ==
                   name.data() + name.size() &&
               age > 0 && age < 150) {
      out += formatDate(latestBirthDateForAge(base, age));
    } else {
      throw std::runtime_error("定義の条件に知らない置き換え {" + name + "} があります。");
    }
    at = close + 1;
  }
  return out;
}

std::string conjoin(const std::string& a, const std::string& b) {
  if (a.empty()) {
    return b;
  }
  if (b.empty()) {
    return a;
  }
  return "(" + a + ") and (" + b + ")";
}

}  // namespace teichaku::stats
