#include "mapping/mapping.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

namespace teichaku::mapping {

namespace {

constexpr std::int64_t kFormatVersion = 1;

class Parser {
 public:
  explicit Parser(std::string origin) { mapping_.file = std::move(origin); }

  Mapping run(const toml::table& root) {
    checkKeys(root, "", {"format", "apps"});
    const toml::node* format = root.get("format");
    if (format == nullptr) {
      error(root.source(), "format", "format = 1 がありません。");
    } else if (format->value<std::int64_t>() != kFormatVersion) {
      error(format->source(), "format", "format は 1 でなければなりません。");
    }
    const toml::table* apps = root["apps"].as_table();
    if (apps == nullptr) {
      error(root.source(), "apps", "[apps.<アプリ>] がありません。");
    } else {
      for (const auto& [name, node] : *apps) {
        app(std::string(name.str()), node);
      }
    }
    if (!errors_.empty()) {
      throw MappingError(std::move(errors_));
    }
    return std::move(mapping_);
  }

 private:
  void app(const std::string& tableName, const toml::node& node) {
    const std::string path = "apps." + tableName;
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      error(node.source(), path, "テーブルでなければなりません。");
      return;
    }
    checkKeys(*t, path, {"app", "fields"});
    AppMapping result;
    result.table = tableName;
    result.line = static_cast<int>(t->source().begin.line);
    result.key = tableName;
    if (const toml::node* key = t->get("app")) {
      if (auto value = key->value<std::string>(); value && !value->empty()) {
        result.key = *value;
      } else {
        error(key->source(), path + ".app", "空でない文字列でなければなりません。");
      }
    }
    const toml::table* fields = (*t)["fields"].as_table();
    if (fields == nullptr) {
      error(t->source(), path + ".fields", "[" + path + ".fields] がありません。");
    } else {
      std::set<std::string> codes;
      for (const auto& [name, fieldNode] : *fields) {
        field(result, codes, path + ".fields." + std::string(name.str()), std::string(name.str()),
              fieldNode);
      }
    }
    // toml++ keeps keys sorted; file order is what people read, so restore it.
    std::sort(result.fields.begin(), result.fields.end(),
              [](const FieldMapping& a, const FieldMapping& b) {
                return std::tie(a.line, a.column) < std::tie(b.line, b.column);
              });
    if (mapping_.apps.count(result.key) != 0) {
      error(t->source(), path + ".app", "アプリ '" + result.key + "' が二度定義されています。");
      return;
    }
    mapping_.apps.emplace(result.key, std::move(result));
  }

  void field(AppMapping& app, std::set<std::string>& codes, const std::string& path,
             const std::string& name, const toml::node& node) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      error(node.source(), path,
            "{ code = \"…\", personal = …, clear = … } でなければなりません。");
      return;
    }
    checkKeys(*t, path, {"code", "table", "personal", "clear", "derived", "sealed_filter"});
    FieldMapping f;
    f.name = name;
    f.line = static_cast<int>(node.source().begin.line);
    f.column = static_cast<int>(node.source().begin.column);
    f.code = requiredString(*t, path, "code");
    if (const toml::node* table = t->get("table")) {
      auto value = table->value<std::string>();
      if (!value || value->empty()) {
        error(table->source(), path + ".table", "空でない文字列でなければなりません。");
      } else {
        f.table = *value;
      }
    }
    f.personal = requiredBool(*t, path, "personal");
    f.clear = requiredBool(*t, path, "clear");
    if (const toml::node* derived = t->get("derived")) {
      if (auto value = derived->value<bool>()) {
        f.derived = *value;
      } else {
        error(derived->source(), path + ".derived", "true か false でなければなりません。");
      }
    }
    if (const toml::node* filter = t->get("sealed_filter")) {
      if (const toml::value<bool>* value = filter->as_boolean()) {  // not 1 or "true"
        f.sealedFilter = value->get();
      } else {
        error(filter->source(), path + ".sealed_filter", "true か false でなければなりません。");
      }
      if (f.sealedFilter && f.clear) {
        error(filter->source(), path + ".sealed_filter",
              "clear = true の項目には指定できません（暗号化せずに保存されるため不要です）。");
      }
      if (f.sealedFilter && f.inTable()) {
        error(filter->source(), path + ".sealed_filter",
              "サブテーブルの項目には指定できません。トップレベルの項目だけが対象です。");
      }
    }
    if (!f.code.empty() && !codes.insert(f.code).second) {
      error(node.source(), path + ".code",
            "フィールドコード '" + f.code + "' はこのアプリで既に使われています。");
    }
    app.fields.push_back(std::move(f));
  }

  std::string requiredString(const toml::table& t, const std::string& path, const char* key) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      error(t.source(), path + "." + key, std::string(key) + " がありません。");
      return {};
    }
    auto value = node->value<std::string>();
    if (!value || value->empty()) {
      error(node->source(), path + "." + key, "空でない文字列でなければなりません。");
      return {};
    }
    return *value;
  }

  bool requiredBool(const toml::table& t, const std::string& path, const char* key) {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      error(t.source(), path + "." + key, std::string(key) + " がありません（true か false）。");
      return false;
    }
    auto value = node->value<bool>();
    if (!value) {
      error(node->source(), path + "." + key, "true か false でなければなりません。");
      return false;
    }
    return *value;
  }

  void checkKeys(const toml::table& t, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        const std::string full =
            path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
        error(node.source(), full, "不明なキーです。");
      }
    }
  }

  void error(const toml::source_region& where, std::string keyPath, std::string message) {
    errors_.push_back({mapping_.file, static_cast<int>(where.begin.line),
                       static_cast<int>(where.begin.column), std::move(keyPath),
                       std::move(message)});
  }

  Mapping mapping_;
  config::ConfigErrors errors_;
};

std::string firstMessage(const config::ConfigErrors& errors) {
  return errors.empty() ? std::string("データマッピングが不正です。") : errors.front().format();
}

}  // namespace

MappingError::MappingError(config::ConfigErrors errors)
    : std::runtime_error(firstMessage(errors)), errors_(std::move(errors)) {}

const FieldMapping* AppMapping::byName(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

const FieldMapping* AppMapping::byCode(std::string_view code) const {
  for (const auto& f : fields) {
    if (f.code == code) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<const FieldMapping*> AppMapping::innerFields(std::string_view tableCode) const {
  std::vector<const FieldMapping*> out;
  for (const auto& f : fields) {
    if (f.table == tableCode) {
      out.push_back(&f);
    }
  }
  return out;
}

std::vector<std::string> AppMapping::topLevelCodes() const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& code) {
    if (std::find(out.begin(), out.end(), code) == out.end()) {
      out.push_back(code);
    }
  };
  for (const auto& f : fields) {
    add(f.inTable() ? f.table : f.code);
  }
  return out;
}

std::vector<std::string> AppMapping::sealedFilterCodes() const {
  std::vector<std::string> out;
  for (const auto& f : fields) {
    if (f.sealedFilter && !f.inTable()) {
      out.push_back(f.code);
    }
  }
  return out;
}

const AppMapping* Mapping::app(std::string_view key) const {
  auto it = apps.find(std::string(key));
  return it == apps.end() ? nullptr : &it->second;
}

std::vector<std::string> Mapping::personalKeys() const {
  std::set<std::string> keys;
  for (const auto& [key, app] : apps) {
    for (const auto& f : app.fields) {
      if (f.personal) {
        keys.insert(f.name);
        keys.insert(key + "." + f.name);
        keys.insert(f.code);
      }
    }
  }
  return {keys.begin(), keys.end()};
}

Mapping parseMapping(std::string_view text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw MappingError({{origin, static_cast<int>(where.line), static_cast<int>(where.column), "",
                         "TOML の構文エラー: " + std::string(e.description())}});
  }
  return Parser(origin).run(root);
}

Mapping loadMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw MappingError({{path, 0, 0, "", "データマッピングファイルを開けません。"}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseMapping(text.str(), path);
}

}  // namespace teichaku::mapping
