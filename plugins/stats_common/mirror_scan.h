#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "teichaku/plugin_abi.h"

// Many queries over one app in one pass through the host (tb_host::mirror_query_many, ABI
// 1.1): every matching record once, with one flag per query, instead of one pass per query.
namespace teichaku::stats {

// Receives a record (kintone JSON with the requested fields) and one flag per query (1 =
// matches); returns false to stop.
using OnMatches = std::function<bool(std::string_view recordJson, const std::uint8_t* matches)>;

// Throws plugin::Failure with the host's status and message (PLUGIN_HOST_TOO_OLD when the
// host has no mirror_query_many). An exception thrown by `onRecord` stops the pass and is
// rethrown here after the host has returned (it never unwinds through host frames).
void scanMirror(const tb_host* host, const std::string& app,
                const std::vector<std::string>& queries, const std::vector<std::string>& fields,
                const OnMatches& onRecord);

}  // namespace teichaku::stats
