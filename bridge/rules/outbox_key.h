#pragma once

// Deterministic outbox keys: "<rule>:<app>:<record>:<generation>[:<target>]". The
// generation is what makes a new action distinct from a replay of the same one
// (e.g. the share record's revision when it was set to 送信, or the release date).
// The same inputs always give the same key, so a retry after a crash finds the
// item already there and does not send twice.

#include <string>
#include <string_view>

namespace teichaku::rules {

std::string outboxKey(std::string_view rule, std::string_view appKey, std::string_view recordId,
                      std::string_view generation, std::string_view target = {});

}  // namespace teichaku::rules
