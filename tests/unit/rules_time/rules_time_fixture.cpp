#include "rules_time_fixture.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace teichaku::rules::testing {

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The cases app of samples/apps (id 1) with an API token, as the emulator's seed document.
std::string appsDocument() {
  rapidjson::Document form;
  form.Parse(readFile("samples/apps/cases.json").c_str());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  form["properties"].Accept(w);
  return std::string(R"({"apps":[{"id":1,"name":"cases","fields":)") + buffer.GetString() +
         R"(,"tokens":[{"token":"tok-cases","permissions":["view","add","edit","delete"]}]}]})";
}

}  // namespace

bool FakeDirectory::isKnownCentre(const std::string& centre) const {
  return centre == kTokyo || centre == kOsaka;
}

std::optional<std::string> FakeDirectory::organizationCode(const std::string& centre) const {
  if (centre == kTokyo) {
    return "teichaku-13";
  }
  if (centre == kOsaka) {
    return "teichaku-27";
  }
  return std::nullopt;
}

std::vector<std::string> FakeDirectory::staffLoginCodes(const std::string& centre) const {
  if (centre == kTokyo) {
    return {"t1", "t2"};
  }
  if (centre == kOsaka) {
    return {"o1"};
  }
  return {};
}

std::optional<std::string> FakeDirectory::centreOfUser(const std::string& login) const {
  if (login == "t1" || login == "t2") {
    return kTokyo;
  }
  if (login == "o1") {
    return kOsaka;
  }
  return std::nullopt;
}

std::int64_t jstMs(int year, int month, int day, int hour, int minute) {
  using namespace std::chrono;
  const sys_days d =
      year_month_day(std::chrono::year(year), std::chrono::month(month), std::chrono::day(day));
  return duration_cast<milliseconds>(
             (d + hours(hour) + minutes(minute) - hours(9)).time_since_epoch())
      .count();
}

RulesTimeTest::RulesTimeTest() {
  emulator::EmulatorOptions options;
  options.adminPassword = "admin-pass-rules2";
  emulator_ = std::make_unique<emulator::Emulator>(options);
  rapidjson::Document seed;
  const std::string doc = appsDocument();
  seed.Parse(doc.c_str(), doc.size());
  emulator_->applyConfig(seed);
  server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
  server_->start();

  kintone::ClientConfig c;
  c.endpoint.baseUrl = server_->baseUrl();
  c.auth.apiTokensByApp["1"] = {"tok-cases"};
  c.transport.proxy = "";
  c.retry.base = std::chrono::milliseconds(5);
  c.retry.cap = std::chrono::milliseconds(50);
  client_ = std::make_unique<kintone::KintoneClient>(c);

  crypto::KeyBytes keyBytes{};
  for (std::size_t i = 0; i < keyBytes.size(); ++i) {
    keyBytes[i] = static_cast<unsigned char>(i * 3 + 5);
  }
  crypto::KeyRing keys;
  keys.add(1, keyBytes);
  keys.setActive(1);
  store::StoreConfig config;
  config.url = "sqlite:" + (dir_.path() / "mirror.db").string();
  config.keys = keys;
  store_ = store::openStore(std::move(config));

  mapping_ = mapping::loadMapping("mappings/raito-plus.toml");
  guard_ =
      std::make_unique<garoon::PayloadGuard>(kBaseUrl, std::vector<std::string>{kTokyo, kOsaka});
  RuleSettings settings;
  settings.kintoneBaseUrl = kBaseUrl;
  settings.appId = [](const std::string& key) -> std::string {
    static const std::map<std::string, std::string> ids = {
        {"cases", "1"}, {"support_records", "2"}, {"tasks", "3"}, {"shares", "4"}};
    auto it = ids.find(key);
    return it == ids.end() ? std::string() : it->second;
  };
  services_ = std::make_unique<RuleServices>(RuleServices{
      *store_, *client_, mapping_, directory_, *guard_, settings, [this] { return now; }});
}

RulesTimeTest::~RulesTimeTest() {
  services_.reset();
  store_.reset();
  client_.reset();
  server_->stop();
}

std::vector<Item> RulesTimeTest::outbox() {
  std::vector<Item> items;
  for (const auto& i : store_->listOutbox(std::nullopt, 100000)) {
    items.push_back({i.key, i.kind, i.payload});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  return items;
}

std::map<std::string, NotificationAction> RulesTimeTest::notifications() {
  std::map<std::string, NotificationAction> out;
  for (const auto& i : outbox()) {
    if (i.kind == kNotificationKind) {
      auto action = notificationFromPayload(i.payload);
      if (!action) {
        throw std::runtime_error("undecodable notification " + i.key);
      }
      out.emplace(i.key, *action);
    }
  }
  return out;
}

std::map<std::string, EventAction> RulesTimeTest::events() {
  std::map<std::string, EventAction> out;
  for (const auto& i : outbox()) {
    if (i.kind == kEventKind) {
      auto action = eventFromPayload(i.payload);
      if (!action) {
        throw std::runtime_error("undecodable event " + i.key);
      }
      out.emplace(i.key, *action);
    }
  }
  return out;
}

std::map<std::string, KintoneUpdateAction> RulesTimeTest::kintoneUpdates() {
  std::map<std::string, KintoneUpdateAction> out;
  for (const auto& i : outbox()) {
    if (i.kind == kKintoneUpdateKind) {
      auto action = kintoneUpdateFromPayload(i.payload);
      if (!action) {
        throw std::runtime_error("undecodable update " + i.key);
      }
      out.emplace(i.key, *action);
    }
  }
  return out;
}

void RulesTimeTest::mirror(const std::string& app, std::int64_t id,
                           const std::map<std::string, std::string>& clear) {
  store::RecordInput input;
  input.app = app;
  input.id = id;
  input.revision = 1;
  input.updatedAt = "2026-11-01T00:00:00Z";
  for (const auto& [code, value] : clear) {
    if (value.rfind("date:", 0) == 0) {
      input.clear[code] = store::Date{value.substr(5)};
    } else {
      input.clear[code] = value;
    }
  }
  // The sealed body carries the canary name, as the sync would keep 氏名 there.
  input.body = R"({"対象者氏名":{"type":"SINGLE_LINE_TEXT","value":")" + kCanary + R"("}})";
  store_->upsertRecord(input);
}

rapidjson::Document RulesTimeTest::json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    throw std::runtime_error("test record is not JSON");
  }
  return doc;
}

}  // namespace teichaku::rules::testing
