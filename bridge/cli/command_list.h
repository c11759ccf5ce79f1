#pragma once

#include "cli/command.h"

// One factory per subcommand, each in its own file.
namespace teichaku::cli {

Command checkConfigCommand();
Command keyInitCommand();
Command keyRotateCommand();
Command samplesSeedCommand();

}  // namespace teichaku::cli
