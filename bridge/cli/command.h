#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "common/exit_codes.h"

// A subcommand of teichaku-bridge ("check-config", "sync", "key init", …). Each one
// declares its options in a table, from which parsing and `help` are generated.
namespace teichaku::cli {

struct OptionSpec {
  std::string name;      // long name without dashes: "config"
  std::string argument;  // placeholder shown in help ("FILE"); empty for a flag
  bool required = false;
  bool repeatable = false;
  std::string help;  // Japanese
};

struct Arguments {
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return options.count(name) != 0; }
  // The last value given for an option (GNU tools let the last one win).
  std::string value(const std::string& name, const std::string& fallback = "") const;
};

struct Context {
  Arguments args;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string name;     // may contain a space: "key init"
  std::string summary;  // one Japanese line for --help
  std::string usage;    // "check-config --config FILE"
  std::string description;
  std::vector<OptionSpec> options;
  std::function<ExitCode(Context&)> run;
};

const std::vector<Command>& commands();

// Parses argv (without the program name), runs the command and returns the exit
// code. Used by main() and by tests.
int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace teichaku::cli
