#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The sync position of one app, stored with MirrorStore::setCheckpoint in the same
// transaction as the records it covers (reliability.md §1.8), as a small JSON text.
namespace teichaku::sync {

// A scan (full or incremental) that has committed some pages but not finished. A restart
// resumes it after `afterId` instead of starting over.
struct ScanProgress {
  bool full = false;
  std::string window;  // incremental: the 更新日時 lower bound of the query (UTC ISO)
  std::int64_t afterId = 0;
  std::string start;    // when the scan began (UTC ISO, minute precision)
  std::string maxSeen;  // newest 更新日時 seen so far
};

struct Checkpoint {
  // Incremental syncs ask for 更新日時 >= since − overlap. Empty: no full sync finished yet.
  std::string since;
  std::optional<ScanProgress> scan;
};

std::string serializeCheckpoint(const Checkpoint& checkpoint);
// An absent or unreadable value gives an empty checkpoint (a full sync follows).
Checkpoint parseCheckpoint(const std::optional<std::string>& text);

// "YYYY-MM-DDTHH:MM:SSZ" <-> seconds since the epoch (kintone-api.md §1.5: UTC, `Z`).
std::optional<std::int64_t> parseIsoUtc(std::string_view text);
std::string formatIsoUtc(std::int64_t epochSeconds);
// The time floored to the minute, as kintone stores 更新日時.
std::string minuteOf(std::chrono::system_clock::time_point time);

}  // namespace teichaku::sync
