#include "cli/command_list.h"

namespace teichaku::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      checkConfigCommand(),
  };
  return all;
}

}  // namespace teichaku::cli
