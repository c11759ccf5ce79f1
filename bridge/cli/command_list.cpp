#include "cli/command_list.h"

namespace teichaku::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      checkConfigCommand(),  keyInitCommand(),       keyRotateCommand(),      syncCommand(),
      queryCommand(),        statsCommand(),         appsDeployCommand(),     samplesSeedCommand(),
      pluginsListCommand(),  pluginsHelpCommand(),   auditVerifyCommand(),    runCommand(),
      doctorCommand(),       outboxListCommand(),    outboxRetryCommand(),    outboxDropCommand(),
      accountsPlanCommand(), accountsApplyCommand(), accountsRotateCommand(),
  };
  return all;
}

}  // namespace teichaku::cli
