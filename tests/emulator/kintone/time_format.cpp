#include "kintone/time_format.h"

#include <charconv>
#include <chrono>
#include <ctime>
#include <vector>

namespace teichaku::emulator::kintone {
namespace {

std::optional<int> number(std::string_view s) {
  int out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos - start));
    if (pos == std::string_view::npos) {
      return parts;
    }
    start = pos + 1;
  }
}

struct Ymd {
  int y, m, d;
};

std::optional<Ymd> parseYmd(std::string_view text, bool allowPartial) {
  auto parts = split(text, '-');
  if (parts.empty() || parts.size() > 3 || (!allowPartial && parts.size() != 3)) {
    return std::nullopt;
  }
  auto y = number(parts[0]);
  auto m = parts.size() > 1 ? number(parts[1]) : std::optional<int>(1);
  auto d = parts.size() > 2 ? number(parts[2]) : std::optional<int>(1);
  if (!y || !m || !d || parts[0].size() != 4 || *m < 1 || *m > 12 || *d < 1 || *d > 31) {
    return std::nullopt;
  }
  return Ymd{*y, *m, *d};
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d))
      .time_since_epoch()
      .count();
}

}  // namespace

std::int64_t nowEpochSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string formatDateTime(std::int64_t epochSeconds) {
  std::time_t t = static_cast<std::time_t>(epochSeconds - (epochSeconds % 60 + 60) % 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:00Z", &tm);
  return buffer;
}

std::optional<std::int64_t> parseDateTime(std::string_view text) {
  auto tPos = text.find('T');
  auto ymd = parseYmd(text.substr(0, tPos), false);
  if (!ymd) {
    return std::nullopt;
  }
  std::int64_t seconds =
      daysFromCivil(ymd->y, static_cast<unsigned>(ymd->m), static_cast<unsigned>(ymd->d)) * 86400;
  if (tPos == std::string_view::npos) {
    return seconds;
  }
  std::string_view rest = text.substr(tPos + 1);
  std::int64_t offset = 0;
  if (!rest.empty() && rest.back() == 'Z') {
    rest.remove_suffix(1);
  } else if (auto sign = rest.find_last_of("+-"); sign != std::string_view::npos) {
    auto zone = split(rest.substr(sign + 1), ':');
    auto zh = number(zone[0]);
    auto zm = zone.size() > 1 ? number(zone[1]) : std::optional<int>(0);
    if (!zh || !zm) {
      return std::nullopt;
    }
    offset = (*zh * 3600 + *zm * 60) * (rest[sign] == '-' ? -1 : 1);
    rest = rest.substr(0, sign);
  } else {
    return std::nullopt;
  }
  if (auto dot = rest.find('.'); dot != std::string_view::npos) {
    rest = rest.substr(0, dot);
  }
  auto hms = split(rest, ':');
  if (hms.size() < 2 || hms.size() > 3) {
    return std::nullopt;
  }
  auto h = number(hms[0]);
  auto mi = number(hms[1]);
  auto s = hms.size() > 2 ? number(hms[2]) : std::optional<int>(0);
  if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) {
    return std::nullopt;
  }
  return seconds + *h * 3600 + *mi * 60 + *s - offset;
}

std::optional<std::string> normaliseDate(std::string_view text) {
  auto ymd = parseYmd(text, true);
  if (!ymd) {
    return std::nullopt;
  }
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", ymd->y, ymd->m, ymd->d);
  return std::string(buffer);
}

std::optional<std::string> normaliseTime(std::string_view text) {
  auto parts = split(text, ':');
  if (parts.size() < 2 || parts.size() > 3) {
    return std::nullopt;
  }
  auto h = number(parts[0]);
  auto m = number(parts[1]);
  if (!h || !m || *h > 23 || *m > 59) {
    return std::nullopt;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", *h, *m);
  return std::string(buffer);
}

}  // namespace teichaku::emulator::kintone
