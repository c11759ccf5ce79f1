#include "emulator/cybozu/iso_time.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

#include <ctime>
#include <regex>

namespace teichaku::emulator::cybozu {

std::string formatIsoUtc(TimePoint time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::optional<TimePoint> parseRfc3339(std::string_view text) {
  // Poco's parser alone accepts partial forms (a bare date), so the RFC 3339 shape
  // is checked first; Poco then validates the calendar and applies the offset.
  static const std::regex kShape(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  const std::string input(text);
  if (!std::regex_match(input, kShape)) {
    return std::nullopt;
  }
  try {
    int offsetSeconds = 0;
    Poco::DateTime parsed;
    Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, input, parsed,
                                offsetSeconds);
    // Poco gives the wall-clock time and the zone offset separately.
    parsed.makeUTC(offsetSeconds);
    const auto micros = parsed.timestamp().epochMicroseconds();
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
  } catch (const Poco::SyntaxException&) {
    return std::nullopt;
  }
}

}  // namespace teichaku::emulator::cybozu
