#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"

// The data mapping (mappings/*.toml): per app, domain names bound to the deployment's field
// codes, with the flags that decide what the mirror keeps and what the log masks. Everything
// that reads kintone data goes through it, so a field that is not mapped is never stored.
namespace teichaku::mapping {

struct FieldMapping {
  std::string name;   // domain name, e.g. "birth_date"
  std::string code;   // kintone field code, e.g. "生年月日"
  std::string table;  // code of the SUBTABLE holding the field; empty at top level
  bool personal = false;
  bool clear = false;    // the mirror may keep the value unencrypted
  bool derived = false;  // written back by the bridge (bridge/domain/derived_fields.h)
  // Not clear, but statistics filter on it (e.g. 生年月日 for 高齢): the mirror also keeps it in
  // a small separately sealed "filter body", so a query decides on it by opening a few bytes
  // instead of the whole record (store::StoredRecord::filterBody).
  bool sealedFilter = false;
  int line = 0;  // where it is written in the mapping file
  int column = 0;

  bool inTable() const { return !table.empty(); }
};

struct AppMapping {
  std::string key;                   // app key: [kintone.apps.<key>] in the bridge configuration
  std::string table;                 // the TOML table name under [apps]
  std::vector<FieldMapping> fields;  // in file order
  int line = 0;

  const FieldMapping* byName(std::string_view name) const;
  // Top-level and subtable fields alike (kintone codes are unique within an app).
  const FieldMapping* byCode(std::string_view code) const;
  // Inner fields of the SUBTABLE `tableCode`.
  std::vector<const FieldMapping*> innerFields(std::string_view tableCode) const;
  // Codes to request from kintone: the top-level fields (a subtable comes whole).
  std::vector<std::string> topLevelCodes() const;
  // Codes of the top-level fields marked sealed_filter, in file order.
  std::vector<std::string> sealedFilterCodes() const;
};

class Mapping {
 public:
  std::string file;
  std::map<std::string, AppMapping> apps;  // by app key

  // nullptr when the app is not mapped.
  const AppMapping* app(std::string_view key) const;
  // Domain names (plain and "<app>.<name>") and field codes of personal fields, for the log
  // redactor (log::Redactor::addPersonalKey).
  std::vector<std::string> personalKeys() const;
};

// Thrown by loadMapping/parseMapping with every problem found; what() is the first one.
class MappingError : public std::runtime_error {
 public:
  explicit MappingError(config::ConfigErrors errors);
  const config::ConfigErrors& errors() const { return errors_; }

 private:
  config::ConfigErrors errors_;
};

Mapping loadMapping(const std::string& path);
// Parses mapping text; `origin` names the file in error messages.
Mapping parseMapping(std::string_view text, const std::string& origin);

}  // namespace teichaku::mapping
