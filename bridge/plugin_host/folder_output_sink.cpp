#include "plugin_host/folder_output_sink.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "crypto/atomic_file.h"
#include "plugin_host/path_safety.h"

namespace teichaku::plugin_host {

Outcome FolderOutputSink::writeFile(const std::string& instance, const std::string& fileName,
                                    std::string_view data) {
  if (!isSafeFileName(instance) || !isSafeFileName(fileName)) {
    return Outcome::fail("PLUGIN_UNSAFE_FILE_NAME", "出力先の名前が安全ではありません。");
  }
  namespace fs = std::filesystem;
  const fs::path folder = fs::path(base_) / instance;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    return Outcome::fail("PLUGIN_OUTPUT_FAILED",
                         "出力フォルダ " + folder.string() + " を作れません: " + ec.message());
  }
  fs::permissions(folder, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec, ec);
  try {
    crypto::writeFileAtomically((folder / fileName).string(), std::string(data), 0640);
  } catch (const std::runtime_error& e) {
    return Outcome::fail("PLUGIN_OUTPUT_FAILED", e.what());
  }
  return Outcome::ok();
}

Outcome FolderOutputSink::attachFile(const std::string& instance, const std::string&,
                                     const std::string&, const std::string&, const std::string&,
                                     std::string_view) {
  return Outcome::fail("PLUGIN_SERVICE_UNAVAILABLE",
                       "インスタンス " + instance + " ではレコードへの添付が使えません。");
}

}  // namespace teichaku::plugin_host
