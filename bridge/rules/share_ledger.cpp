#include "rules/share_ledger.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "store/mirror_store.h"

namespace teichaku::rules {

namespace {

std::string stringMember(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

AwaitingShares loadAwaitingShares(store::MirrorStore& store) {
  AwaitingShares out;
  const auto text = store.meta(kAwaitingSharesMeta);
  if (!text || text->empty()) {
    return out;
  }
  rapidjson::Document doc;
  doc.Parse(text->data(), text->size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return out;
  }
  for (const auto& member : doc.GetObject()) {
    const auto& v = member.value;
    if (!v.IsObject() || !v.HasMember("sentAtMs") || !v["sentAtMs"].IsInt64()) {
      continue;
    }
    AwaitingShare share;
    share.sentAtMs = v["sentAtMs"].GetInt64();
    share.generation = stringMember(v, "generation");
    share.caseNumber = stringMember(v, "caseNumber");
    share.fromCentre = stringMember(v, "fromCentre");
    share.toCentre = stringMember(v, "toCentre");
    share.reminded = v.HasMember("reminded") && v["reminded"].IsBool() && v["reminded"].GetBool();
    out.emplace(member.name.GetString(), std::move(share));
  }
  return out;
}

void saveAwaitingShares(store::MirrorStore& store, const AwaitingShares& shares) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [id, share] : shares) {
    w.Key(id.c_str());
    w.StartObject();
    w.Key("sentAtMs");
    w.Int64(share.sentAtMs);
    w.Key("generation");
    w.String(share.generation.c_str());
    w.Key("caseNumber");
    w.String(share.caseNumber.c_str());
    w.Key("fromCentre");
    w.String(share.fromCentre.c_str());
    w.Key("toCentre");
    w.String(share.toCentre.c_str());
    w.Key("reminded");
    w.Bool(share.reminded);
    w.EndObject();
  }
  w.EndObject();
  store.setMeta(kAwaitingSharesMeta, std::string(buffer.GetString(), buffer.GetSize()));
}

std::size_t overdueShareCount(store::MirrorStore& store, const RuleSettings& settings,
                              std::int64_t nowMs) {
  const std::int64_t limitMs =
      static_cast<std::int64_t>(settings.receiptReminderHours) * 3600 * 1000;
  std::size_t count = 0;
  for (const auto& [id, share] : loadAwaitingShares(store)) {
    if (nowMs - share.sentAtMs >= limitMs) {
      ++count;
    }
  }
  return count;
}

}  // namespace teichaku::rules
