#pragma once

#include <string>
#include <vector>

#include "directory_model.h"
#include "teichaku/plugin_abi.h"

// The host's directory service (tb_directory) as C++: a snapshot, batches of changes, and
// lines for the operator. Failures of the service as a whole throw plugin::Failure.
namespace teichaku::accounts_plugin {

class DirectoryClient {
 public:
  // Throws plugin::Failure (ACCOUNTS_NO_DIRECTORY) when the host gave none (a host older
  // than ABI 1.1, or a call outside an `accounts` command).
  explicit DirectoryClient(const tb_provision_request* request);

  DirectorySnapshot snapshot(const std::vector<std::string>& codes = {}) const;
  // Fills each change's status and message.
  void apply(std::vector<tb_directory_change>& changes) const;
  void print(const std::string& line) const;

 private:
  const tb_directory* directory_;
};

}  // namespace teichaku::accounts_plugin
