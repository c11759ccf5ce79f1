#include "kintone/api_path.h"

namespace teichaku::emulator::kintone {

std::optional<ApiPath> parseApiPath(const std::string& path) {
  ApiPath out;
  std::string rest;
  if (path.rfind("/k/v1/", 0) == 0) {
    rest = path.substr(6);
  } else if (path.rfind("/k/guest/", 0) == 0) {
    auto slash = path.find('/', 9);
    if (slash == std::string::npos || path.compare(slash, 4, "/v1/") != 0) {
      return std::nullopt;
    }
    std::string space = path.substr(9, slash - 9);
    if (space.empty() || space.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    out.guestSpace = std::stoull(space);
    rest = path.substr(slash + 4);
  } else {
    return std::nullopt;
  }
  if (rest.rfind("preview/", 0) == 0) {
    out.preview = true;
    rest = rest.substr(8);
  }
  if (rest.size() < 6 || rest.compare(rest.size() - 5, 5, ".json") != 0) {
    return std::nullopt;
  }
  out.api = rest;
  return out;
}

}  // namespace teichaku::emulator::kintone
