#include "config/path_expansion.h"

#include <cstdlib>
#include <filesystem>

namespace teichaku::config {

std::optional<std::string> expandPath(const std::string& value, const std::string& baseDir,
                                      std::string& error) {
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    if (value.compare(i, 2, "${") == 0) {
      std::size_t end = value.find('}', i + 2);
      if (end == std::string::npos) {
        error = "${ が閉じられていません。";
        return std::nullopt;
      }
      std::string name = value.substr(i + 2, end - i - 2);
      const char* v = std::getenv(name.c_str());
      if (v == nullptr || *v == '\0') {
        error = "環境変数 " + name + " が設定されていません。";
        return std::nullopt;
      }
      out += v;
      i = end + 1;
    } else {
      out += value[i++];
    }
  }
  std::filesystem::path p(out);
  if (p.is_relative()) {
    p = std::filesystem::path(baseDir) / p;
  }
  return p.lexically_normal().string();
}

}  // namespace teichaku::config
