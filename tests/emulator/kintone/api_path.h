#pragma once

#include <cstdint>
#include <optional>
#include <string>

// Splits "/k/v1/records.json", "/k/guest/5/v1/preview/app.json" into its parts
// (kintone-api.md §1.1).
namespace teichaku::emulator::kintone {

struct ApiPath {
  std::optional<std::uint64_t> guestSpace;
  bool preview = false;
  std::string api;  // "records.json", "app/form/fields.json"
};

std::optional<ApiPath> parseApiPath(const std::string& path);

}  // namespace teichaku::emulator::kintone
