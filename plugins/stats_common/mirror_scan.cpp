#include "mirror_scan.h"

#include <exception>

#include "teichaku/plugin.hpp"

namespace teichaku::stats {
namespace {

std::vector<const char*> cStrings(const std::vector<std::string>& items) {
  std::vector<const char*> out;
  out.reserve(items.size());
  for (const auto& s : items) {
    out.push_back(s.c_str());
  }
  return out;
}

}  // namespace

void scanMirror(const tb_host* host, const std::string& app,
                const std::vector<std::string>& queries, const std::vector<std::string>& fields,
                const OnMatches& onRecord) {
  if (host == nullptr || !TB_HAS_FIELD(host, tb_host, mirror_query_many) ||
      host->mirror_query_many == nullptr) {
    throw plugin::Failure::fail("PLUGIN_HOST_TOO_OLD",
                                "ホストに mirror_query_many（ABI 1.1）がありません。");
  }
  struct State {
    const OnMatches* onRecord;
    std::exception_ptr error;
  } state{&onRecord, nullptr};
  const auto queryTexts = cStrings(queries);
  const auto codes = cStrings(fields);
  tb_result result{};
  result.struct_size = sizeof(tb_result);
  const tb_status status = host->mirror_query_many(
      host->context, app.c_str(), queryTexts.data(), queryTexts.size(), codes.data(), codes.size(),
      [](void* user, const char* json, std::size_t length, const std::uint8_t* matches,
         std::size_t) -> int {
        auto* s = static_cast<State*>(user);
        try {
          return (*s->onRecord)(std::string_view(json, length), matches) ? 0 : 1;
        } catch (...) {
          s->error = std::current_exception();
          return 1;
        }
      },
      &state, &result);
  if (state.error) {
    std::rethrow_exception(state.error);
  }
  if (status != TB_OK) {
    throw plugin::Failure(status, result.message_id, result.message);
  }
}

}  // namespace teichaku::stats
