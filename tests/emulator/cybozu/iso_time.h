#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace teichaku::emulator::cybozu {

using TimePoint = std::chrono::system_clock::time_point;
// Injectable so tests get fixed ctime/mtime/createdAt values.
using Clock = std::function<TimePoint()>;

// "2019-04-01T00:33:58Z" (UTC, whole seconds), the form both APIs return.
std::string formatIsoUtc(TimePoint time);
// RFC 3339 with "Z" or a numeric offset, optional fraction; nullopt when invalid.
std::optional<TimePoint> parseRfc3339(std::string_view text);

}  // namespace teichaku::emulator::cybozu
