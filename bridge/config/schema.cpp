#include "config/schema.h"

#include <algorithm>
#include <set>

namespace teichaku::config {
namespace {

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

const char* typeName(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return "文字列";
    case ValueType::kInteger:
      return "整数";
    case ValueType::kBoolean:
      return "真偽値 (true / false)";
    case ValueType::kStringArray:
      return "文字列の配列";
    case ValueType::kTable:
      return "テーブル";
    case ValueType::kSecret:
      return "秘密情報の参照";
    case ValueType::kTableArray:
      return "テーブルの配列 ([[…]])";
  }
  return "?";
}

const char* actualTypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "文字列";
    case toml::node_type::integer:
      return "整数";
    case toml::node_type::floating_point:
      return "小数";
    case toml::node_type::boolean:
      return "真偽値";
    case toml::node_type::array:
      return "配列";
    case toml::node_type::table:
      return "テーブル";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "日付・時刻";
    case toml::node_type::none:
      break;
  }
  return "不明な値";
}

// Edit distance for "did you mean" hints on misspelled keys (keys are ASCII).
std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> acceptedNames(const TableSpec& spec) {
  std::vector<std::string> names;
  for (const auto& key : spec.keys) {
    if (key.type == ValueType::kSecret) {
      names.push_back(key.name + "_file");
      names.push_back(key.name + "_env");
    } else {
      names.push_back(key.name);
    }
  }
  return names;
}

std::string suggestion(const std::string& unknown, const TableSpec& spec) {
  std::string best;
  std::size_t bestDistance = 3;  // more than two edits away is not a typo
  for (const auto& name : acceptedNames(spec)) {
    std::size_t d = editDistance(unknown, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best.empty() ? std::string() : "'" + best + "' の誤りではありませんか？";
}

bool typeMatches(const toml::node& node, ValueType type) {
  switch (type) {
    case ValueType::kString:
      return node.is_string();
    case ValueType::kInteger:
      return node.is_integer();
    case ValueType::kBoolean:
      return node.is_boolean();
    case ValueType::kStringArray:
      return node.is_array() && node.as_array()->is_homogeneous(toml::node_type::string);
    case ValueType::kTable:
      return node.is_table();
    case ValueType::kSecret:
      return node.is_string();
    case ValueType::kTableArray:
      return node.is_array_of_tables();
  }
  return false;
}

void checkValue(const toml::node& node, const KeySpec& key, const std::string& keyPath,
                const std::string& file, ConfigErrors& errors) {
  if (!typeMatches(node, key.type)) {
    errors.push_back(errorAt(node.source(), file, keyPath,
                             std::string(typeName(key.type)) + "を指定してください（" +
                                 actualTypeName(node) + "が書かれています）。" + key.help));
    return;
  }
  if (key.type == ValueType::kInteger) {
    std::int64_t v = node.as_integer()->get();
    if ((key.min && v < *key.min) || (key.max && v > *key.max)) {
      std::string range = "範囲外の値 " + std::to_string(v) + " です。";
      if (key.min && key.max) {
        range += std::to_string(*key.min) + " 以上 " + std::to_string(*key.max) + " 以下";
      } else if (key.min) {
        range += std::to_string(*key.min) + " 以上";
      } else {
        range += std::to_string(*key.max) + " 以下";
      }
      errors.push_back(errorAt(node.source(), file, keyPath, range + "にしてください。"));
    }
  }
  if ((key.type == ValueType::kString || key.type == ValueType::kSecret) &&
      node.as_string()->get().empty()) {
    errors.push_back(errorAt(node.source(), file, keyPath, "空の文字列は指定できません。"));
    return;
  }
  if (key.type == ValueType::kString && !key.allowed.empty()) {
    const std::string& v = node.as_string()->get();
    if (std::find(key.allowed.begin(), key.allowed.end(), v) == key.allowed.end()) {
      std::string list;
      for (const auto& a : key.allowed) {
        list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
      }
      errors.push_back(
          errorAt(node.source(), file, keyPath,
                  "\"" + v + "\" は指定できません。次のいずれかにしてください: " + list));
    }
  }
  if (key.type == ValueType::kTable && key.table != nullptr) {
    validateTable(*node.as_table(), *key.table, keyPath, file, errors);
  }
  if (key.type == ValueType::kTableArray && key.table != nullptr) {
    std::size_t index = 0;
    for (const auto& element : *node.as_array()) {
      validateTable(*element.as_table(), *key.table, keyPath + "[" + std::to_string(index++) + "]",
                    file, errors);
    }
  }
}

}  // namespace

const KeySpec* TableSpec::find(const std::string& name) const {
  for (const auto& key : keys) {
    if (key.name == name) {
      return &key;
    }
  }
  return nullptr;
}

ConfigError errorAt(const toml::source_region& where, const std::string& file,
                    const std::string& keyPath, const std::string& message) {
  return ConfigError{file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                     keyPath, message};
}

void validateTable(const toml::table& table, const TableSpec& spec, const std::string& path,
                   const std::string& file, ConfigErrors& errors) {
  std::set<std::string> seenSecrets;
  for (auto&& [tomlKey, node] : table) {
    const std::string name(tomlKey.str());
    const std::string keyPath = join(path, name);
    if (const KeySpec* key = spec.find(name)) {
      if (key->type == ValueType::kSecret) {
        // The value itself is never echoed: it is the secret.
        errors.push_back(errorAt(tomlKey.source(), file, keyPath,
                                 "秘密情報は設定ファイルに直接書けません。" + name +
                                     "_file（ファイルのパス）か " + name +
                                     "_env（環境変数名）を使ってください。"));
        continue;
      }
      checkValue(node, *key, keyPath, file, errors);
      continue;
    }
    bool isSecretReference = false;
    for (const char* suffix : {"_file", "_env"}) {
      const std::string s(suffix);
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        const KeySpec* key = spec.find(name.substr(0, name.size() - s.size()));
        if (key != nullptr && key->type == ValueType::kSecret) {
          isSecretReference = true;
          if (!seenSecrets.insert(key->name).second) {
            errors.push_back(
                errorAt(tomlKey.source(), file, keyPath,
                        key->name + "_file と " + key->name +
                            "_env の両方が書かれています。どちらか一方にしてください。"));
          }
          checkValue(node, *key, keyPath, file, errors);
        }
      }
    }
    if (isSecretReference) {
      continue;
    }
    if (spec.namedChildren != nullptr && node.is_table()) {
      validateTable(*node.as_table(), *spec.namedChildren, keyPath, file, errors);
      continue;
    }
    if (spec.otherKeysCheckedElsewhere) {
      continue;
    }
    std::string message = "不明なキーです。";
    std::string hint = suggestion(name, spec);
    errors.push_back(errorAt(tomlKey.source(), file, keyPath,
                             message + (hint.empty() ? "キー名を確認してください。" : hint)));
  }
  for (const auto& key : spec.keys) {
    if (!key.required) {
      continue;
    }
    bool present = key.type == ValueType::kSecret
                       ? (table.contains(key.name + "_file") || table.contains(key.name + "_env") ||
                          table.contains(key.name))  // an inline secret is reported above
                       : table.contains(key.name);
    if (!present) {
      std::string shown = key.type == ValueType::kSecret
                              ? key.name + "_file または " + key.name + "_env"
                              : key.name;
      errors.push_back(errorAt(table.source(), file, join(path, key.name),
                               "必須のキー " + shown + " がありません。" + key.help));
    }
  }
  if (spec.extraCheck) {
    spec.extraCheck(table, path, file, errors);
  }
}

}  // namespace teichaku::config
