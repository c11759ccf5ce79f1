#pragma once

#include "cli/command.h"

// One factory per subcommand, each in its own file.
namespace teichaku::cli {

Command checkConfigCommand();
Command keyInitCommand();
Command keyRotateCommand();
Command samplesSeedCommand();
Command appsDeployCommand();
Command pluginsListCommand();
Command pluginsHelpCommand();
Command auditVerifyCommand();
Command syncCommand();
Command queryCommand();
Command statsCommand();
Command runCommand();
Command doctorCommand();
Command outboxListCommand();
Command outboxRetryCommand();
Command outboxDropCommand();
Command accountsPlanCommand();
Command accountsApplyCommand();
Command accountsRotateCommand();

}  // namespace teichaku::cli
