#include "rules/share_fields.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>

#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

std::string stateKey(const std::string& rule, const std::string& recordId) {
  return "rules." + rule + "." + recordId;
}

std::string flatJson(const std::map<std::string, std::string>& values) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [key, value] : values) {
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

RuleState loadRuleState(store::MirrorStore& store, const std::string& rule,
                        const std::string& recordId) {
  RuleState state;
  const auto text = store.meta(stateKey(rule, recordId));
  if (!text || text->empty()) {
    return state;
  }
  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return state;
  }
  for (const auto& m : doc.GetObject()) {
    if (m.value.IsString()) {
      state[m.name.GetString()] = m.value.GetString();
    }
  }
  return state;
}

void saveRuleState(store::MirrorStore& store, const std::string& rule, const std::string& recordId,
                   const RuleState& state) {
  store.setMeta(stateKey(rule, recordId), flatJson(state));
}

domain::Date jstDate(std::int64_t nowMs) {
  using namespace std::chrono;
  const sys_time<milliseconds> jst{milliseconds(nowMs) + hours(9)};
  return domain::Date::fromSysDays(floor<days>(jst));
}

std::string kintoneDateTime(std::int64_t nowMs) {
  using namespace std::chrono;
  const sys_seconds t = floor<seconds>(sys_time<milliseconds>{milliseconds(nowMs)});
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer;
}

}  // namespace teichaku::rules
