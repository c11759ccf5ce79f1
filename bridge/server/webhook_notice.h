#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// What the bridge takes from a kintone webhook: which record to look at, nothing else.
// The payload carries field values too, but it is unsigned (reliability.md §5.5), so they are
// never read; the daemon fetches the record again with its own token.
namespace teichaku::server {

struct WebhookNotice {
  std::int64_t appId = 0;
  std::int64_t recordId = 0;
  std::string type;  // ADD_RECORD, UPDATE_RECORD, UPDATE_STATUS, DELETE_RECORD, ADD_RECORD_COMMENT
};

// Deeper JSON than this is refused before it is built: a webhook body is at most a record,
// whose deepest value (a subtable cell's user list) sits 7 levels down.
inline constexpr int kMaxJsonDepth = 64;

// Parses a kintone webhook body. On failure returns nullopt and, if `why` is set, a short
// reason that never quotes the body.
std::optional<WebhookNotice> parseWebhook(std::string_view body, std::string* why);

}  // namespace teichaku::server
