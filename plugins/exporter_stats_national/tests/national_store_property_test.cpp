// 10,000 generated episodes in an encrypted SQLite mirror, written the way the sync writes them
// (sync::toRecordInput: clear columns, sealed body, sealed filter body), counted by the national
// plugin through the real host read (StoreMirrorReader: clear values, filter bodies). Every
// count is compared with a plain loop over the decrypted records (national_property_support.h).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/key_ring.h"
#include "mapping/mapping.h"
#include "national_property_support.h"
#include "plugin_host/store_bindings.h"
#include "store/mirror_store.h"
#include "sync/record_conversion.h"
#include "sync/sync_engine.h"

namespace teichaku::stats_test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string member(const rapidjson::Value& body, const char* code) {
  auto it = body.FindMember(code);
  if (it == body.MemberEnd() || !it->value.IsObject() || !it->value["value"].IsString()) {
    return "";
  }
  return it->value["value"].GetString();
}

TEST(NationalStoreProperty, EveryCountMatchesAPlainLoopOverTheDecryptedMirror) {
  const fs::path dir =
      fs::temp_directory_path() / ("teichaku-national-store-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  crypto::KeyBytes key{};
  key.fill(5);
  crypto::KeyRing keys;
  keys.add(1, key);
  keys.setActive(1);
  store::StoreConfig config;
  config.url = "sqlite:" + (dir / "mirror.db").string();
  config.keys = keys;
  auto store = store::openStore(std::move(config));
  const mapping::Mapping mapping = mapping::loadMapping("mappings/raito-plus.toml");
  store->setMeta(sync::SyncEngine::formMetaKey("cases"), readFile("samples/apps/cases.json"));

  const std::vector<Case> generated = generate(10000);
  std::vector<store::RecordInput> inputs;
  for (std::size_t i = 0; i < generated.size(); ++i) {
    rapidjson::Document doc;
    const std::string json = toJson(generated[i], static_cast<int>(i + 1));
    doc.Parse(json.c_str(), json.size());
    auto& a = doc.GetAllocator();
    rapidjson::Value revision(rapidjson::kObjectType);
    revision.AddMember("type", "__REVISION__", a);
    revision.AddMember("value", "1", a);
    doc.AddMember("$revision", revision, a);
    inputs.push_back(sync::toRecordInput(*mapping.app("cases"), doc));
  }
  store->upsertRecords(inputs);

  plugin_host::StoreMirrorReader reader(*store, mapping, 1767225600);  // 2026-01-01
  plugin_host::ExportRequest request;
  request.periodStart = "2024-04-01";
  request.periodEnd = "2025-03-31";
  RunResult run = runNational(
      reader, "type = \"stats_national\"\ndefinitions = \"mappings/statistics/national.toml\"\n",
      request);
  ASSERT_TRUE(run.outcome.isOk()) << run.outcome.message();
  // The 高齢 row was decided on filter bodies; no whole body was opened.
  EXPECT_EQ(reader.lastScanStats().decrypted, 0u);
  EXPECT_GT(reader.lastScanStats().filtersOpened, 1000u);

  // The second implementation reads what the mirror holds: every body, decrypted.
  std::vector<Case> decrypted;
  store->forEachRecord("cases", [&](const store::StoredRecord& record) {
    rapidjson::Document body;
    const std::string text = record.body();
    body.Parse(text.c_str(), text.size());
    Case c;
    c.number = member(body, "ケース番号");
    c.centre = member(body, "管理センター");
    c.kind = member(body, "依頼区分");
    c.request = member(body, "依頼日");
    c.end = member(body, "支援終了日");
    c.birth = member(body, "生年月日");
    c.intellectual = member(body, "知的障害");
    c.mental = member(body, "精神障害");
    c.physical = member(body, "身体障害");
    decrypted.push_back(c);
    return true;
  });
  ASSERT_EQ(decrypted.size(), generated.size());
  const CountTable table = parseCounts(run.files["national/stats_national.csv"]);
  EXPECT_GT(expectCountsOfFy2024(decrypted, table), 100u);
  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace teichaku::stats_test
