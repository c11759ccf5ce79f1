#include <Poco/Util/ServerApplication.h>

#include <iostream>

#include "cli/command.h"

namespace {

// The process is a Poco ServerApplication (so `run` gets signal handling and
// waitForTerminationRequest); subcommands parse their own options from a table, so
// Poco's global option processing is switched off.
class BridgeApplication : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& /*options*/) override { stopOptionsProcessing(); }

  int main(const std::vector<std::string>& args) override {
    return teichaku::cli::dispatch(args, std::cout, std::cerr);
  }
};

}  // namespace

POCO_SERVER_MAIN(BridgeApplication)
