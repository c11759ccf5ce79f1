#pragma once

#include <string>

#include "plugin_host/services.h"

// The ordinary OutputSink for files: <base>/<instance>/<file>, written atomically,
// readable by the owner and group only (outputs hold personal data). Attaching to a
// kintone record needs the kintone client; combine this with one that can.
namespace teichaku::plugin_host {

class FolderOutputSink final : public OutputSink {
 public:
  explicit FolderOutputSink(std::string baseDirectory) : base_(std::move(baseDirectory)) {}

  Outcome writeFile(const std::string& instance, const std::string& fileName,
                    std::string_view data) override;
  Outcome attachFile(const std::string& instance, const std::string& app,
                     const std::string& recordId, const std::string& fieldCode,
                     const std::string& fileName, std::string_view data) override;

 private:
  std::string base_;
};

}  // namespace teichaku::plugin_host
