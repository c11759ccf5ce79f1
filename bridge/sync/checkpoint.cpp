#include "sync/checkpoint.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cstdio>

namespace teichaku::sync {

namespace {

std::string stringMember(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

bool parseDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) {
    return false;
  }
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + count, out);
  return ec == std::errc{} && end == text.data() + pos + count;
}

}  // namespace

std::string serializeCheckpoint(const Checkpoint& checkpoint) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("v");
  w.Int(1);
  w.Key("since");
  w.String(checkpoint.since.c_str());
  if (checkpoint.scan) {
    const ScanProgress& s = *checkpoint.scan;
    w.Key("scan");
    w.StartObject();
    w.Key("full");
    w.Bool(s.full);
    w.Key("window");
    w.String(s.window.c_str());
    w.Key("afterId");
    w.Int64(s.afterId);
    w.Key("start");
    w.String(s.start.c_str());
    w.Key("maxSeen");
    w.String(s.maxSeen.c_str());
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Checkpoint parseCheckpoint(const std::optional<std::string>& text) {
  Checkpoint out;
  if (!text) {
    return out;
  }
  rapidjson::Document d;
  d.Parse(text->c_str());
  if (d.HasParseError() || !d.IsObject()) {
    return out;
  }
  out.since = stringMember(d, "since");
  auto scan = d.FindMember("scan");
  if (scan != d.MemberEnd() && scan->value.IsObject()) {
    ScanProgress s;
    auto full = scan->value.FindMember("full");
    s.full = full != scan->value.MemberEnd() && full->value.IsBool() && full->value.GetBool();
    s.window = stringMember(scan->value, "window");
    auto after = scan->value.FindMember("afterId");
    if (after != scan->value.MemberEnd() && after->value.IsInt64()) {
      s.afterId = after->value.GetInt64();
    }
    s.start = stringMember(scan->value, "start");
    s.maxSeen = stringMember(scan->value, "maxSeen");
    out.scan = s;
  }
  return out;
}

std::optional<std::int64_t> parseIsoUtc(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z' || !parseDigits(text, 0, 4, y) ||
      !parseDigits(text, 5, 2, mo) || !parseDigits(text, 8, 2, d) || !parseDigits(text, 11, 2, h) ||
      !parseDigits(text, 14, 2, mi) || !parseDigits(text, 17, 2, s) || h > 23 || mi > 59 ||
      s > 59) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + h * 3600 + mi * 60 + s;
}

std::string formatIsoUtc(std::int64_t epochSeconds) {
  auto days = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(epochSeconds)));
  std::chrono::year_month_day ymd(days);
  std::int64_t rest =
      epochSeconds - static_cast<std::int64_t>(days.time_since_epoch().count()) * 86400;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return text;
}

std::string minuteOf(std::chrono::system_clock::time_point time) {
  auto seconds = std::chrono::floor<std::chrono::minutes>(time).time_since_epoch();
  return formatIsoUtc(std::chrono::duration_cast<std::chrono::seconds>(seconds).count());
}

}  // namespace teichaku::sync
