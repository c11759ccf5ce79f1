#include "sync_harness.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "seed/generator.h"
#include "store/mirror_store.h"

namespace teichaku::sync::testing {

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

std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The apps only: records are added through the API afterwards, as a user would.
std::string seedDocument(bool allApps) {
  std::string doc = R"({"apps":[)";
  bool firstApp = true;
  for (seed::App app : seed::kAllApps) {
    const std::string key(seed::appKey(app));
    if (!allApps && key != "cases") {
      continue;
    }
    rapidjson::Document form;
    form.Parse(readFile("samples/apps/" + key + ".json").c_str());
    // Lookups name their source app by key; an administrator (or `apps deploy`) puts in the
    // id, as kintone stores it.
    std::string fields = compact(form["properties"]);
    const std::string placeholder = R"({"app":"","code":"cases"})";
    for (auto at = fields.find(placeholder); at != std::string::npos;
         at = fields.find(placeholder)) {
      fields.replace(at, placeholder.size(), R"({"app":")" + kAppIds.at("cases") + R"("})");
    }
    doc += (firstApp ? "" : ",") + std::string(R"({"id":)") + kAppIds.at(key) + R"(,"name":")" +
           key + R"(","fields":)" + fields + R"(,"tokens":[{"token":"tok-)" + key +
           R"(","permissions":["view","add","edit","delete"]}]})";
    firstApp = false;
  }
  return doc + "]}";
}

std::string normalised(const rapidjson::Value* field, const mapping::AppMapping& app);

// A field value reduced to what the mirror promises to keep, written independently of
// sync/record_conversion: entity lists by code, files by name, subtables by row id and mapped
// inner fields.
std::string valueText(const rapidjson::Value& v, const std::string& type,
                      const mapping::AppMapping& app, const std::string& code) {
  if (v.IsNull()) {
    return "<null>";
  }
  if (v.IsString()) {
    return v.GetString();
  }
  std::string out = "[";
  if (v.IsArray()) {
    for (const auto& item : v.GetArray()) {
      if (type == "SUBTABLE") {
        out += std::string("row ") + item["id"].GetString() + "{";
        for (const auto* inner : app.innerFields(code)) {
          auto it = item["value"].FindMember(inner->code.c_str());
          out += inner->code + "=" +
                 normalised(it == item["value"].MemberEnd() ? nullptr : &it->value, app) + ";";
        }
        out += "}";
      } else if (item.IsString()) {
        out += item.GetString();
      } else if (type == "FILE") {
        out += item["name"].GetString();
      } else {
        out += item["code"].GetString();
      }
      out += "\x1f";
    }
  }
  return out + "]";
}

std::string normalised(const rapidjson::Value* field, const mapping::AppMapping& app) {
  if (field == nullptr) {
    return "<absent>";
  }
  const std::string type = (*field)["type"].GetString();
  std::string code;
  return valueText((*field)["value"], type, app, code);
}

}  // namespace

SyncHarness::SyncHarness(std::size_t cases, bool allApps, std::optional<std::string> canary) {
  emulator::EmulatorOptions emulatorOptions;
  emulatorOptions.adminPassword = "adminpw";
  emulator_ = std::make_unique<emulator::Emulator>(emulatorOptions);
  rapidjson::Document seed;
  const std::string text = seedDocument(allApps);
  seed.Parse(text.c_str(), text.size());
  if (seed.HasParseError()) {
    throw std::runtime_error("seed document is not JSON");
  }
  emulator_->applyConfig(seed);
  server_ = std::make_unique<emulator::HttpServer>(*emulator_, emulator::ServerOptions{});
  server_->start();
  crypto::KeyBytes keyBytes{};
  for (std::size_t i = 0; i < keyBytes.size(); ++i) {
    keyBytes[i] = static_cast<unsigned char>(i * 7 + 1);
  }
  keys_.add(1, keyBytes);
  keys_.setActive(1);
  mapping_ = mapping::loadMapping("mappings/raito-plus.toml");
  client_ = newClient();
  store_ = openMirror();

  seed::SeedOptions options;
  options.cases = cases;
  options.seed = 7;
  options.canary = std::move(canary);
  const seed::Dataset data = seed::generate(options);
  for (seed::App app : seed::kAllApps) {
    const std::string key(seed::appKey(app));
    if (!allApps && key != "cases") {
      continue;
    }
    constexpr std::size_t kBatch = 2000;  // the client sends 100 per request
    const auto& records = data.of(app);
    for (std::size_t i = 0; i < records.size(); i += kBatch) {
      std::string batch = "[";
      for (std::size_t j = i; j < std::min(records.size(), i + kBatch); ++j) {
        batch += (j == i ? "" : ",") + records[j];
      }
      rapidjson::Document array;
      array.Parse((batch + "]").c_str());
      auto result = client_->addRecords(kAppIds.at(key), array);
      if (!result.outcome.isOk()) {
        throw std::runtime_error("seeding " + key + " failed: " + result.outcome.message());
      }
    }
  }
}

SyncHarness::~SyncHarness() {
  store_.reset();
  client_.reset();
  server_->stop();
}

std::unique_ptr<kintone::KintoneClient> SyncHarness::newClient() const {
  kintone::ClientConfig c;
  c.endpoint.baseUrl = server_->baseUrl();
  for (const auto& [key, id] : kAppIds) {
    c.auth.apiTokensByApp[id] = {"tok-" + key};
  }
  c.transport.proxy = "";
  c.retry.base = std::chrono::milliseconds(5);
  c.retry.cap = std::chrono::milliseconds(100);
  c.retry.maxAttempts = 12;
  c.budget.dailyLimit = 10000000;
  c.budget.ceiling = 10000000;
  return std::make_unique<kintone::KintoneClient>(c);
}

std::unique_ptr<store::MirrorStore> SyncHarness::openMirror() const {
  store::StoreConfig config;
  config.url = "sqlite:" + dbPath();
  config.keys = keys_;
  return store::openStore(std::move(config));
}

std::map<std::int64_t, std::shared_ptr<rapidjson::Document>> SyncHarness::source(
    const std::string& app) {
  std::map<std::int64_t, std::shared_ptr<rapidjson::Document>> out;
  Outcome outcome =
      client_->getAllRecordsBySeek(kAppIds.at(app), "", {}, [&](const rapidjson::Value& records) {
        for (const auto& record : records.GetArray()) {
          auto doc = std::make_shared<rapidjson::Document>();
          doc->CopyFrom(record, doc->GetAllocator());
          out[std::stoll(record["$id"]["value"].GetString())] = doc;
        }
        return true;
      });
  if (!outcome.isOk()) {
    throw std::runtime_error("reading the source failed: " + outcome.message());
  }
  return out;
}

std::string SyncHarness::differences(const std::string& app, store::MirrorStore& mirror) {
  const mapping::AppMapping& m = *mapping_.app(app);
  std::ostringstream diff;
  int problems = 0;
  auto report = [&](const std::string& text) {
    if (++problems <= 5) {
      diff << text << "\n";
    }
  };
  // Streams the source page by page and looks each record up in the mirror; equal counts
  // then mean equal id sets. Memory stays flat for any number of records.
  std::int64_t sourceCount = 0;
  Outcome outcome =
      client_->getAllRecordsBySeek(kAppIds.at(app), "", {}, [&](const rapidjson::Value& records) {
        for (const auto& s : records.GetArray()) {
          ++sourceCount;
          const std::int64_t id = std::stoll(s["$id"]["value"].GetString());
          auto record = mirror.getRecord(app, id);
          if (!record) {
            report("id " + std::to_string(id) + " missing from the mirror");
            continue;
          }
          const std::int64_t revision = std::stoll(s["$revision"]["value"].GetString());
          if (record->revision != revision) {
            report("id " + std::to_string(id) + ": revision " + std::to_string(record->revision) +
                   " != " + std::to_string(revision));
          }
          rapidjson::Document body;
          const std::string text = record->body();
          body.Parse(text.c_str(), text.size());
          for (const auto& code : m.topLevelCodes()) {
            auto si = s.FindMember(code.c_str());
            auto bi = body.FindMember(code.c_str());
            const std::string expected =
                si == s.MemberEnd()
                    ? "<absent>"
                    : valueText(si->value["value"], si->value["type"].GetString(), m, code);
            const std::string actual =
                bi == body.MemberEnd()
                    ? "<absent>"
                    : valueText(bi->value["value"], bi->value["type"].GetString(), m, code);
            if (expected != actual) {
              report("id " + std::to_string(id) + " field " + code + ": mirror differs");
            }
          }
          for (const auto& member : body.GetObject()) {
            const std::string code = member.name.GetString();
            if (code != "$id" && code != "$revision" && m.byCode(code) == nullptr) {
              report("id " + std::to_string(id) + ": unmapped field " + code + " stored");
            }
          }
        }
        return true;
      });
  if (!outcome.isOk()) {
    throw std::runtime_error("reading the source failed: " + outcome.message());
  }
  const std::int64_t mirrored = mirror.countRecords(app);
  if (mirrored != sourceCount) {
    report("mirror has " + std::to_string(mirrored) + " records, kintone " +
           std::to_string(sourceCount));
  }
  return diff.str();
}

void SyncHarness::updateText(const std::string& app, const std::vector<std::int64_t>& ids,
                             const std::string& code, const std::string& value) {
  rapidjson::Document updates(rapidjson::kArrayType);
  auto& a = updates.GetAllocator();
  for (std::int64_t id : ids) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("id", rapidjson::Value(std::to_string(id).c_str(), a), a);
    rapidjson::Value record(rapidjson::kObjectType);
    rapidjson::Value field(rapidjson::kObjectType);
    field.AddMember("value", rapidjson::Value(value.c_str(), a), a);
    record.AddMember(rapidjson::Value(code.c_str(), a), field, a);
    item.AddMember("record", record, a);
    updates.PushBack(item, a);
  }
  auto result = client_->updateRecords(kAppIds.at(app), updates);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("update failed: " + result.outcome.message());
  }
}

void SyncHarness::deleteIds(const std::string& app, const std::vector<std::int64_t>& ids) {
  std::vector<std::string> text;
  for (std::int64_t id : ids) {
    text.push_back(std::to_string(id));
  }
  auto result = client_->deleteRecords(kAppIds.at(app), text);
  if (!result.outcome.isOk()) {
    throw std::runtime_error("delete failed: " + result.outcome.message());
  }
}

}  // namespace teichaku::sync::testing
