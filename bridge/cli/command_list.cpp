#include "cli/command_list.h"

namespace teichaku::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      checkConfigCommand(),
      keyInitCommand(),
      keyRotateCommand(),
      samplesSeedCommand(),
  };
  return all;
}

}  // namespace teichaku::cli
