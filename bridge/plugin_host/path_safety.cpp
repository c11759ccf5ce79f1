#include "plugin_host/path_safety.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace teichaku::plugin_host {
namespace {

namespace fs = std::filesystem;

bool writableByOthers(const fs::path& path, struct stat& st) {
  return ::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

}  // namespace

PathCheck checkPluginDirectory(const std::string& directory) {
  PathCheck check;
  std::error_code ec;
  fs::path real = fs::canonical(directory, ec);
  if (ec || !fs::is_directory(real, ec)) {
    check.problem = "プラグインのフォルダ " + directory + " がありません。";
    return check;
  }
  struct stat st {};
  if (writableByOthers(real, st)) {
    check.problem = "プラグインのフォルダ " + real.string() +
                    " はグループまたは他のユーザーが書き込めます。chmod go-w で直してください。";
    return check;
  }
  check.ok = true;
  check.resolvedPath = real.string();
  return check;
}

PathCheck checkPluginFile(const std::string& directory, const std::string& fileName) {
  PathCheck folder = checkPluginDirectory(directory);
  if (!folder.ok) {
    return folder;
  }
  PathCheck check;
  std::error_code ec;
  fs::path real = fs::canonical(fs::path(folder.resolvedPath) / fileName, ec);
  if (ec) {
    check.problem = "プラグインのファイル " + fileName + " がありません。";
    return check;
  }
  if (real.parent_path() != fs::path(folder.resolvedPath)) {
    check.problem = "プラグインのファイル " + fileName + " はフォルダ " + folder.resolvedPath +
                    " の外（" + real.string() + "）を指しています。";
    return check;
  }
  if (!fs::is_regular_file(real, ec)) {
    check.problem = "プラグイン " + real.string() + " は通常のファイルではありません。";
    return check;
  }
  struct stat st {};
  if (writableByOthers(real, st)) {
    check.problem = "プラグイン " + real.string() +
                    " はグループまたは他のユーザーが書き込めます。chmod go-w で直してください。";
    return check;
  }
  check.ok = true;
  check.resolvedPath = real.string();
  return check;
}

bool isSafeFileName(const std::string& fileName) {
  if (fileName.empty() || fileName.size() > 255 || fileName.front() == '.') {
    return false;
  }
  for (char c : fileName) {
    auto u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || u < 0x20 || u == 0x7F) {
      return false;
    }
  }
  return true;
}

}  // namespace teichaku::plugin_host
