#include "data_check_definitions.h"

#include <toml++/toml.h>

#include <algorithm>
#include <stdexcept>

#include "data_check_fields.h"

namespace teichaku::stats {
namespace {

std::string where(const std::string& source, const toml::node& node) {
  return source + ":" + std::to_string(node.source().begin.line);
}

std::string optionalString(const toml::table& table, const char* key) {
  const auto* value = table.get_as<std::string>(key);
  return value != nullptr ? value->get() : std::string();
}

std::string requiredString(const toml::table& table, const char* key, const std::string& source) {
  std::string value = optionalString(table, key);
  if (value.empty()) {
    throw std::runtime_error(where(source, table) + ": 「" + key + "」（文字列）がありません。");
  }
  return value;
}

CheckKind kindOf(const std::string& text, const toml::table& table, const std::string& source) {
  if (text == "required") {
    return CheckKind::kRequired;
  }
  if (text == "date_order") {
    return CheckKind::kDateOrder;
  }
  if (text == "age_flag") {
    return CheckKind::kAgeFlag;
  }
  if (text == "match") {
    return CheckKind::kMatch;
  }
  throw std::runtime_error(where(source, table) + ": kind「" + text +
                           "」は使えません（required, date_order, age_flag, match）。");
}

CheckDefinition readCheck(const toml::table& table, const std::string& source) {
  CheckDefinition c;
  c.id = requiredString(table, "id", source);
  c.label = requiredString(table, "label", source);
  c.kind = kindOf(requiredString(table, "kind", source), table, source);
  c.when = optionalString(table, "when");
  switch (c.kind) {
    case CheckKind::kRequired:
      c.field = requiredString(table, "field", source);
      break;
    case CheckKind::kDateOrder:
      c.earlier = requiredString(table, "earlier", source);
      c.later = requiredString(table, "later", source);
      break;
    case CheckKind::kAgeFlag: {
      c.birth = requiredString(table, "birth", source);
      c.flag = requiredString(table, "flag", source);
      c.flagValue = requiredString(table, "flag_value", source);
      c.base = requiredString(table, "base", source);
      const auto* age = table.get_as<int64_t>("age");
      if (age == nullptr || age->get() < 1 || age->get() > 149) {
        throw std::runtime_error(where(source, table) + ": age（1〜149 の整数）がありません。");
      }
      c.age = static_cast<int>(age->get());
      break;
    }
    case CheckKind::kMatch:
      c.when = requiredString(table, "when", source);
      break;
  }
  return c;
}

void addUnique(std::vector<std::string>& out, const std::string& code) {
  if (!code.empty() && std::find(out.begin(), out.end(), code) == out.end()) {
    out.push_back(code);
  }
}

}  // namespace

std::vector<std::string> CheckDefinition::fields() const {
  std::vector<std::string> out;
  for (const auto& code : {field, earlier, later, birth, flag}) {
    addUnique(out, code);
  }
  if (kind == CheckKind::kAgeFlag && base != "age_base") {
    addUnique(out, base);
  }
  for (const auto& code : queryFieldCodes(when)) {
    addUnique(out, code);
  }
  return out;
}

CheckSet parseChecks(const std::string& tomlText, const std::string& sourceName) {
  toml::table root;
  try {
    root = toml::parse(tomlText, sourceName);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(sourceName + ":" + std::to_string(e.source().begin.line) +
                             ": 点検の定義ファイルを読めません: " + std::string(e.description()));
  }
  CheckSet set;
  set.scope = optionalString(root, "scope");
  const auto* array = root.get_as<toml::array>("checks");
  if (array == nullptr || array->empty()) {
    throw std::runtime_error(sourceName + ": [[checks]] が1つもありません。");
  }
  for (const auto& node : *array) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      throw std::runtime_error(where(sourceName, node) + ": [[checks]] は表にしてください。");
    }
    CheckDefinition check = readCheck(*table, sourceName);
    for (const auto& other : set.checks) {
      if (other.id == check.id) {
        throw std::runtime_error(where(sourceName, *table) + ": id「" + check.id +
                                 "」が重複しています。");
      }
    }
    set.checks.push_back(std::move(check));
  }
  return set;
}

std::vector<CheckDefinition> activeChecks(const CheckSet& set,
                                          const std::set<std::string>& reliedOn) {
  std::vector<CheckDefinition> out;
  for (const auto& check : set.checks) {
    const auto fields = check.fields();
    if (std::any_of(fields.begin(), fields.end(),
                    [&](const std::string& f) { return reliedOn.count(f) != 0; })) {
      out.push_back(check);
    }
  }
  return out;
}

}  // namespace teichaku::stats
