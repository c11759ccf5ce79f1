#pragma once

#include <cstdint>
#include <optional>
#include <string>

// The audit chain head kept outside the database. Format (text, mode 0600):
//   teichaku-audit-head v1
//   seq <n>
//   hash <64 hex>
namespace teichaku::audit {

struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
};

void writeChainHead(const std::string& path, const ChainHead& head);  // atomic
// std::nullopt when the file is missing or not in the format above.
std::optional<ChainHead> readChainHead(const std::string& path);

}  // namespace teichaku::audit
