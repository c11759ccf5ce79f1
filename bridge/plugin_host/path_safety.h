#pragma once

#include <string>

// Plugin path hygiene: a plugin runs with the bridge's rights and sees decrypted
// records, so the host loads only files that only their owner can replace.
namespace teichaku::plugin_host {

struct PathCheck {
  bool ok = false;
  std::string resolvedPath;  // the file's real path when ok
  std::string problem;       // Japanese, names the file or folder, when not ok
};

// Checks that `directory` is a folder that group and others cannot write.
PathCheck checkPluginDirectory(const std::string& directory);

// Checks that `directory/fileName`, after resolving symbolic links, is a regular file
// directly inside the (resolved) folder, and that neither the file nor the folder is
// writable by group or others.
PathCheck checkPluginFile(const std::string& directory, const std::string& fileName);

// A plain output file name: no folders, no leading dot, no control characters.
bool isSafeFileName(const std::string& fileName);

}  // namespace teichaku::plugin_host
