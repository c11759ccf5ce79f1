#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.h"

// A declarative description of what a TOML table may contain. The bridge's own
// configuration and each plugin's [plugins.<instance>] section are validated by the
// same code, so every error looks the same to the user.
namespace teichaku::config {

enum class ValueType {
  kString,
  kInteger,
  kBoolean,
  kStringArray,
  kTable,
  // A secret: written as NAME_file (a path) or NAME_env (an environment variable),
  // never as NAME itself. Exactly one of the two must be given when required.
  kSecret,
  // An array of tables ([[a.b]]), each matching KeySpec::table.
  kTableArray,
};

struct TableSpec;

struct KeySpec {
  std::string name;
  ValueType type = ValueType::kString;
  bool required = false;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::vector<std::string> allowed;  // for strings: the only accepted values
  std::string help;                  // Japanese, shown by help and in errors
  const TableSpec* table = nullptr;  // for kTable and kTableArray
};

// Called after the generic checks for a table; adds errors of its own (e.g. a
// plugin's schema for [plugins.<instance>]).
using TableCheck = std::function<void(const toml::table& table, const std::string& path,
                                      const std::string& file, ConfigErrors& errors)>;

struct TableSpec {
  std::vector<KeySpec> keys;
  // When set, any key that is not in `keys` must be a table matching this spec
  // (named instances such as [kintone.apps.<name>] and [plugins.<name>]).
  const TableSpec* namedChildren = nullptr;
  TableCheck extraCheck;
  // Keys not listed here are checked by someone else (a plugin's own schema).
  bool otherKeysCheckedElsewhere = false;

  const KeySpec* find(const std::string& name) const;
};

// Validates `table` against `spec`, appending every problem found (not only the
// first) to `errors`. `path` is the dotted path of `table` ("" for the root).
void validateTable(const toml::table& table, const TableSpec& spec, const std::string& path,
                   const std::string& file, ConfigErrors& errors);

// Position helpers shared by the validator and by checks that run later.
ConfigError errorAt(const toml::source_region& where, const std::string& file,
                    const std::string& keyPath, const std::string& message);

}  // namespace teichaku::config
