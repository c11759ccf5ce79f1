#include "rules_harness.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "seed/generator.h"

namespace teichaku::rules::testing {

namespace {

constexpr const char* kAdminPassword = "admin-pass-rules";

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string organizationOf(const std::string& centre) {
  for (const auto& c : standardCentres()) {
    if (c.name == centre) {
      return c.organizationCode;
    }
  }
  throw std::runtime_error("no such centre");
}

// The six sample apps with API tokens; lookups point at the cases app's id, as
// `apps deploy` leaves them.
std::string appsDocument() {
  std::string doc = R"({"apps":[)";
  bool first = true;
  for (const auto& [key, id] : kAppIds) {
    rapidjson::Document form;
    form.Parse(readFile("samples/apps/" + key + ".json").c_str());
    std::string fields = compact(form["properties"]);
    const std::string placeholder = R"({"app":"","code":"cases"})";
    for (auto at = fields.find(placeholder); at != std::string::npos;
         at = fields.find(placeholder)) {
      fields.replace(at, placeholder.size(), R"({"app":")" + kAppIds.at("cases") + R"("})");
    }
    doc += (first ? "" : ",") + std::string(R"({"id":)") + id + R"(,"name":")" + key +
           R"(","fields":)" + fields + R"(,"tokens":[{"token":"tok-)" + key +
           R"(","permissions":["view","add","edit","delete"]}]})";
    first = false;
  }
  return doc + "]}";
}

// Every centre organisation; staff of 東京 (2) and 神奈川 (3 Garoon users and one with
// kintone only); the bridge's own Garoon account.
std::string directoryDocument() {
  std::string doc = R"({"organizations":[)";
  bool first = true;
  for (const auto& c : standardCentres()) {
    doc += (first ? "" : ",") + std::string(R"({"code":")") + c.organizationCode + R"(","name":")" +
           c.name + R"("})";
    first = false;
  }
  doc += R"(],"users":[)";
  auto user = [](const std::string& code, const std::string& org, const char* service) {
    std::string u = R"({"code":")" + code + R"(","name":"職員 )" + code + R"(","password":"pw-)" +
                    code + R"(","services":[")" + service + R"("])";
    if (!org.empty()) {
      u += R"(,"organizations":[{"orgCode":")" + org + R"("}])";
    }
    return u + "}";
  };
  doc += user("bridge", "", "garoon");
  doc += "," + user("tk13-01", "teichaku-13", "garoon");
  doc += "," + user("tk13-02", "teichaku-13", "garoon");
  doc += "," + user("tk14-01", "teichaku-14", "garoon");
  doc += "," + user("tk14-02", "teichaku-14", "garoon");
  doc += "," + user("tk14-03", "teichaku-14", "garoon");
  doc += "," + user("tk14-09", "teichaku-14", "kintone");
  return doc + "]}";
}

emulator::Response control(emulator::Emulator& emulator, const std::string& method,
                           const std::string& path, const std::string& body = "") {
  emulator::Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  request.headers["content-type"] = "application/json";
  return emulator.serve(request).response;
}

}  // namespace

std::string entityField(const rapidjson::Value& record, const char* code) {
  std::vector<std::string> codes;
  for (const auto& e : record[code]["value"].GetArray()) {
    codes.emplace_back(e["code"].GetString());
  }
  std::sort(codes.begin(), codes.end());
  std::string out;
  for (const auto& c : codes) {
    out += (out.empty() ? "" : ",") + c;
  }
  return out;
}

RulesHarness::RulesHarness() {
  const std::string garoonConfig = dir_.write("emulator.json", R"({"garoon":{"notificationApps":[
      {"code":"teichaku","name":"定着支援","allowedUrlPrefixes":["https://example.cybozu.com/k/"],
       "allowedSenders":["bridge"]}]}})");
  emulator::EmulatorOptions options;
  options.adminPassword = kAdminPassword;
  options.configFiles = {garoonConfig};
  emulator_ = std::make_unique<emulator::Emulator>(options);
  rapidjson::Document apps;
  apps.Parse(appsDocument().c_str());
  emulator_->applyConfig(apps);
  const auto seeded = control(*emulator_, "POST", "/__emulator/cybozu/seed", directoryDocument());
  if (seeded.status != 200) {
    throw std::runtime_error("directory seed failed: " + seeded.body);
  }
  server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
  server_->start();

  mapping_ = mapping::loadMapping("mappings/raito-plus.toml");
  kintone::ClientConfig k;
  k.endpoint.baseUrl = server_->baseUrl();
  for (const auto& [key, id] : kAppIds) {
    k.auth.apiTokensByApp[id] = {"tok-" + key};
  }
  k.transport.proxy = "";
  k.retry.base = std::chrono::milliseconds(1);
  k.retry.maxAttempts = 1;
  kintone_ = std::make_unique<kintone::KintoneClient>(
      k, [] { return 0.5; }, [](std::chrono::milliseconds) {});

  garoon::GaroonClientConfig g;
  g.baseUrl = server_->baseUrl();
  g.password = {"bridge", "pw-bridge"};
  g.transport.proxy = "";
  g.retry.maxAttempts = 1;  // the outbox, not the client, retries in these tests
  garoon_ = std::make_unique<garoon::GaroonClient>(
      g, [] { return 0.5; }, [](std::chrono::milliseconds) {});

  cybozu::CybozuClientConfig c;
  c.baseUrl = server_->baseUrl();
  c.admin = {"Administrator", kAdminPassword};
  c.transport.proxy = "";
  cybozu_ = std::make_unique<cybozu::CybozuUserClient>(
      c, [] { return 0.5; }, [](std::chrono::milliseconds) {});

  crypto::KeyBytes keyBytes{};
  for (std::size_t i = 0; i < keyBytes.size(); ++i) {
    keyBytes[i] = static_cast<unsigned char>(i * 5 + 3);
  }
  crypto::KeyRing keys;
  keys.add(1, keyBytes);
  keys.setActive(1);
  store::StoreConfig s;
  s.url = "sqlite:" + (dir_.path() / "mirror.db").string();
  s.keys = keys;
  store_ = store::openStore(std::move(s));

  std::vector<std::string> allNames;
  std::vector<CentreInfo> known;
  for (const auto& centre : standardCentres()) {
    allNames.push_back(centre.name);
    if (centre.name != kOsaka) {
      known.push_back(centre);
    }
  }
  guard_ = std::make_unique<garoon::PayloadGuard>("https://example.cybozu.com", allNames);
  directory_ = std::make_unique<CybozuCentreDirectory>(*cybozu_, known);
  if (!directory_->refresh().isOk()) {
    throw std::runtime_error("directory refresh failed");
  }
  RuleServices services{
      *store_, *kintone_, mapping_, *directory_, *guard_, settings(), [this] { return now; }};
  engine_ = std::make_unique<RuleEngine>(services);
  for (auto& rule : makeStandardRules(engine_->services())) {
    engine_->add(std::move(rule));
  }
  deliverer_ = std::make_unique<OutboxDeliverer>(
      *store_, *kintone_, *garoon_, *guard_, settings(), [this] { return now; }, &mapping_);
  deliverer_->setUniform([] { return 0.5; });
}

RulesHarness::~RulesHarness() {
  deliverer_.reset();
  engine_.reset();
  store_.reset();
  server_->stop();
}

RuleSettings RulesHarness::settings() const {
  RuleSettings s;
  s.kintoneBaseUrl = "https://example.cybozu.com";
  s.garoonNotificationApp = "teichaku";
  s.outboxMaxAttempts = 3;
  s.appId = [](const std::string& key) {
    auto it = kAppIds.find(key);
    return it == kAppIds.end() ? std::string() : it->second;
  };
  return s;
}

std::string RulesHarness::addCase(const std::string& number, const std::string& centre,
                                  bool consent) {
  seed::SeedOptions options;
  options.cases = 1;
  options.canary = kCanary;
  const seed::Dataset data = seed::generate(options);
  rapidjson::Document c;
  c.Parse(data.of(seed::App::kCases).at(0).c_str());
  auto& a = c.GetAllocator();
  auto set = [&](const char* code, rapidjson::Value value) {
    c.RemoveMember(code);
    rapidjson::Value field(rapidjson::kObjectType);
    field.AddMember("value", value, a);
    c.AddMember(rapidjson::Value(code, a), field, a);
  };
  c.RemoveMember("担当者");  // a seed login the test directory does not have
  set("ケース番号", rapidjson::Value(number.c_str(), a));
  set("管理センター", rapidjson::Value(centre.c_str(), a));
  rapidjson::Value orgs(rapidjson::kArrayType);
  rapidjson::Value org(rapidjson::kObjectType);
  org.AddMember("code", rapidjson::Value(organizationOf(centre).c_str(), a), a);
  orgs.PushBack(org, a);
  set("閲覧組織", std::move(orgs));
  set("個人情報使用同意日", rapidjson::Value("2026-01-05"));
  rapidjson::Value recipients(rapidjson::kArrayType);
  recipients.PushBack(rapidjson::Value("保護観察所"), a);
  if (consent) {
    recipients.PushBack(rapidjson::Value("他県の地域生活定着支援センター"), a);
  }
  set("情報提供同意先", std::move(recipients));
  rapidjson::Document array(rapidjson::kArrayType);
  array.PushBack(rapidjson::Value(c, array.GetAllocator()), array.GetAllocator());
  auto result = kintone_->addRecords(kAppIds.at("cases"), array);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("add case: " + result.outcome.message());
  }
  return result.ids.at(0);
}

std::string RulesHarness::addShare(const std::string& caseNumber, const std::string& from,
                                   const std::string& to, bool confirmed,
                                   const std::string& sender) {
  const std::string json =
      std::string(R"([{"対象者番号":{"value":")") + caseNumber +
      R"("},"閲覧組織":{"value":[{"code":")" + organizationOf(from) +
      R"("}]},"送信元センター":{"value":")" + from + R"("},"送信先センター":{"value":")" + to +
      R"("},"共有種別":{"value":"事前共有"},"共有内容":{"value":"対象者レコードを共有します。"},)" +
      R"("送信先確認":{"value":)" + (confirmed ? R"(["送信先センターを確認しました"])" : "[]") +
      R"(},"共有状況":{"value":"下書き"},"送信者":{"value":[{"code":")" + sender + R"("}]}}])";
  rapidjson::Document array;
  array.Parse(json.c_str());
  auto result = kintone_->addRecords(kAppIds.at("shares"), array);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("add share: " + result.outcome.message());
  }
  return result.ids.at(0);
}

void RulesHarness::setText(const std::string& app, const std::string& id, const std::string& code,
                           const std::string& value) {
  rapidjson::Document updates(rapidjson::kArrayType);
  auto& a = updates.GetAllocator();
  rapidjson::Value item(rapidjson::kObjectType);
  item.AddMember("id", rapidjson::Value(id.c_str(), a), a);
  rapidjson::Value record(rapidjson::kObjectType);
  rapidjson::Value field(rapidjson::kObjectType);
  field.AddMember("value", rapidjson::Value(value.c_str(), a), a);
  record.AddMember(rapidjson::Value(code.c_str(), a), field, a);
  item.AddMember("record", record, a);
  updates.PushBack(item, a);
  auto result = kintone_->updateRecords(kAppIds.at(app), updates);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("update: " + result.outcome.message());
  }
}

rapidjson::Document RulesHarness::record(const std::string& app, const std::string& id) {
  auto result = kintone_->getRecord(kAppIds.at(app), id);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("get record: " + result.outcome.message());
  }
  rapidjson::Document out;
  out.CopyFrom(result.json["record"], out.GetAllocator());
  return out;
}

Outcome RulesHarness::setStatus(const std::string& shareId, const std::string& status) {
  setText("shares", shareId, "共有状況", status);
  return changed("shares", shareId);
}

Outcome RulesHarness::changed(const std::string& app, const std::string& id) {
  return engine_->onRecordChanged(app, std::stoll(id));
}

std::size_t RulesHarness::deliverAll() {
  std::size_t sent = 0;
  for (int round = 0; round < 10; ++round) {
    const std::size_t n = deliverer_->deliverDue(100);
    sent += n;
    if (n == 0) {
      break;
    }
  }
  return sent;
}

std::vector<GaroonNotice> RulesHarness::garoonNotices() {
  const auto response = control(*emulator_, "GET", "/__emulator/garoon/notifications");
  rapidjson::Document doc;
  doc.Parse(response.body.c_str());
  std::vector<GaroonNotice> out;
  for (const auto& r : doc["requests"].GetArray()) {
    GaroonNotice notice;
    notice.body = r["body"].GetString();
    rapidjson::Document body;
    body.Parse(notice.body.c_str());
    if (body.IsObject()) {
      notice.notificationKey = body["notificationKey"].GetString();
      notice.operation = body["operation"].GetString();
      for (const auto& d : body["destinations"].GetArray()) {
        notice.destinationCodes.emplace_back(d["code"].GetString());
      }
      std::sort(notice.destinationCodes.begin(), notice.destinationCodes.end());
    }
    out.push_back(std::move(notice));
  }
  return out;
}

std::map<std::string, std::size_t> RulesHarness::garoonItems() {
  const auto response = control(*emulator_, "GET", "/__emulator/garoon/notifications/items");
  rapidjson::Document doc;
  doc.Parse(response.body.c_str());
  std::map<std::string, std::size_t> out;
  for (const auto& item : doc["items"].GetArray()) {
    out[item["notificationKey"].GetString()] = item["recipients"].Size();
  }
  return out;
}

std::int64_t RulesHarness::outboxSize() {
  return static_cast<std::int64_t>(store_->listOutbox(std::nullopt, 100000).size());
}

}  // namespace teichaku::rules::testing
