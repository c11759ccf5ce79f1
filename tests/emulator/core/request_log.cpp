#include "core/request_log.h"

#include <ctime>

#include "core/json.h"

namespace teichaku::emulator {
namespace {

// kintone's daily request counter resets at 09:00 JST = 00:00 UTC+9 (kintone-api.md §2),
// so days are counted in JST.
std::string jstDay(std::int64_t epochSeconds) {
  std::time_t t = static_cast<std::time_t>(epochSeconds + 9 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

void writeCounts(json::Writer& w, const char* name, const std::map<std::string, std::uint64_t>& m) {
  json::key(w, name);
  w.StartObject();
  for (const auto& [k, v] : m) {
    json::key(w, k);
    w.Uint64(v);
  }
  w.EndObject();
}

}  // namespace

void RequestLog::record(const std::string& route, const std::string& app,
                        std::int64_t epochSeconds) {
  std::string day = jstDay(epochSeconds);
  std::lock_guard lock(mutex_);
  ++total_;
  ++routes_[route];
  if (!app.empty()) {
    ++apps_[app];
  }
  ++days_[day];
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  total_ = 0;
  routes_.clear();
  apps_.clear();
  days_.clear();
}

std::string RequestLog::toJson() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::key(w, "total");
  w.Uint64(total_);
  writeCounts(w, "routes", routes_);
  writeCounts(w, "apps", apps_);
  writeCounts(w, "days", days_);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace teichaku::emulator
