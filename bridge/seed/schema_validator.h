#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace teichaku::seed {

// Field definitions of one app, read from a samples/apps/*.json file (the `properties` body of
// POST /k/v1/preview/app/form/fields.json), and a check of records in the write shape of
// POST /k/v1/records.json against them (kintone-api.md §4). It checks what kintone would
// reject — unknown fields, wrong value shapes, options that do not exist, missing required
// values — and also refuses values for lookup copy targets, which kintone fills itself.
// Reusable by the emulator and integration tests; not a full kintone validator (no
// min/max length or value, no uniqueness across records).
class AppSchema {
 public:
  struct Field {
    std::string type;
    bool required = false;
    bool lookupCopy = false;
    std::set<std::string> options;
    std::map<std::string, Field> subfields;  // SUBTABLE only
  };

  // Throws std::runtime_error naming the file (or "JSON") and the problem.
  static AppSchema load(const std::filesystem::path& file);
  static AppSchema parse(std::string_view json, const std::string& origin = "JSON");

  // Problems found in one record (Japanese, naming the field code; never echoing free text,
  // which may be personal data). Empty when the record is valid.
  std::vector<std::string> validate(std::string_view recordJson) const;

  const std::map<std::string, Field>& fields() const { return fields_; }
  bool hasField(const std::string& code) const { return fields_.count(code) != 0; }
  bool hasSubfield(const std::string& table, const std::string& code) const;

 private:
  std::map<std::string, Field> fields_;
};

}  // namespace teichaku::seed
