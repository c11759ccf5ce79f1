#pragma once

#include <span>
#include <string_view>

namespace teichaku::seed {

// One 地域生活定着支援センター: one per prefecture, two in Hokkaido (48 in all).
struct Centre {
  std::string_view code;  // JIS prefecture code, "a"/"b" suffix in Hokkaido
  std::string_view name;  // option value of the centre fields in the sample apps
  std::string_view prefecture;
  std::string_view organization;  // cybozu.com organisation code used for record access
};

std::span<const Centre> centres();

}  // namespace teichaku::seed
