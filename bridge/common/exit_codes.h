#pragma once

// Process exit codes, documented in README.md ("Exit codes"). Scripts and systemd
// rely on them; never reuse a number for another meaning.
namespace teichaku {

enum class ExitCode : int {
  kOk = 0,              // everything done
  kRuntimeFailure = 1,  // something failed while working; see the log
  kConfigError = 2,     // the configuration (or command line) is invalid; nothing was done
  kRetryLater = 3,      // a temporary condition (service down, rate limit); run again later
  kNeedsOperator = 4,   // a safety guard stopped the run; a person must look first
};

int toInt(ExitCode code);
const char* describe(ExitCode code);  // Japanese one-line description for --help

}  // namespace teichaku
