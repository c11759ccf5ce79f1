#pragma once

#include <functional>
#include <memory>
#include <string>

#include "accounts/directory.h"
#include "teichaku/plugin_abi.h"

// The C table (tb_directory) a provisioner plugin receives in its tb_provision_request,
// bound to a Directory and to the operator's output. Every entry catches what the C++
// side throws: nothing unwinds into the plugin.
namespace teichaku::accounts {

class DirectoryTable {
 public:
  DirectoryTable(Directory& directory, std::function<void(const std::string&)> print);
  ~DirectoryTable();
  DirectoryTable(const DirectoryTable&) = delete;
  DirectoryTable& operator=(const DirectoryTable&) = delete;

  const tb_directory* table() const;

 private:
  std::unique_ptr<tb_directory_context> context_;
};

}  // namespace teichaku::accounts
