// mirror_query_many over a real SQLite mirror of seed cases: one pass answers exactly what one
// mirror_query per query answers (the same records, the same JSON, in the same order), on the
// clear fast path (no body decrypted) and on the decrypting path; the read is one audit row.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "audit/audit_log.h"
#include "crypto/key_ring.h"
#include "mapping/mapping.h"
#include "plugin_host/host_table.h"
#include "plugin_host/store_bindings.h"
#include "seed_mirror.h"
#include "sync/sync_engine.h"

namespace teichaku::plugin_host {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kCases = 400;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Per query, the JSON of every record it matches, in the order handed over.
using Answers = std::vector<std::vector<std::string>>;

class MultiQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("teichaku-multi-query-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    crypto::KeyBytes key{};
    key.fill(9);
    crypto::KeyRing keys;
    keys.add(1, key);
    keys.setActive(1);
    store::StoreConfig config;
    config.url = "sqlite:" + (*dir_ / "mirror.db").string();
    config.keys = keys;
    store_ = store::openStore(std::move(config)).release();
    mapping_ = new mapping::Mapping(mapping::loadMapping("mappings/raito-plus.toml"));
    const std::string form = readFile("samples/apps/cases.json");
    store_->setMeta(sync::SyncEngine::formMetaKey("cases"), form);
    rapidjson::Document formDoc;
    formDoc.Parse(form.c_str(), form.size());
    // Two parts (base dates 2025-03-31 and 2026-03-31): requests over FY2019–FY2025.
    stored_ = testing::storeSeedCases(*store_, *mapping_->app("cases"), formDoc["properties"],
                                      kCases, 2, 2026);
  }
  static void TearDownTestSuite() {
    delete mapping_;
    delete store_;
    fs::remove_all(*dir_);
    delete dir_;
  }

  StoreMirrorReader reader() { return StoreMirrorReader(*store_, *mapping_, 1767225600); }

  // The reference: one decrypting pass per query (forEach, what mirror_query does).
  Answers onePassPerQuery(const std::vector<std::string>& queries,
                          const std::vector<std::string>& fields) {
    StoreMirrorReader r = reader();
    Answers answers(queries.size());
    for (std::size_t q = 0; q < queries.size(); ++q) {
      Outcome o = r.forEach("cases", queries[q], fields, [&](std::string_view json) {
        answers[q].emplace_back(json);
        return true;
      });
      EXPECT_TRUE(o.isOk()) << o.message();
    }
    return answers;
  }

  Answers onePass(StoreMirrorReader& r, const std::vector<std::string>& queries,
                  const std::vector<std::string>& fields) {
    Answers answers(queries.size());
    Outcome o = r.forEachMany("cases", queries, fields,
                              [&](const std::string& id, std::string_view json,
                                  const std::vector<std::uint8_t>& matches) {
                                EXPECT_EQ(matches.size(), queries.size());
                                EXPECT_NE(json.find("\"value\":\"" + id + "\""), std::string::npos);
                                bool any = false;
                                for (std::size_t q = 0; q < matches.size(); ++q) {
                                  if (matches[q] != 0) {
                                    answers[q].emplace_back(json);
                                    any = true;
                                  }
                                }
                                EXPECT_TRUE(any) << "a record matching no query is not handed over";
                                return true;
                              });
    EXPECT_TRUE(o.isOk()) << o.message();
    return answers;
  }

  // Each query must select some records but not all, or the comparison proves little.
  static void expectDiscriminating(const Answers& reference) {
    for (std::size_t q = 0; q < reference.size(); ++q) {
      EXPECT_GT(reference[q].size(), 0u) << "query " << q;
      EXPECT_LT(reference[q].size(), stored_) << "query " << q;
    }
  }

  static fs::path* dir_;
  static store::MirrorStore* store_;
  static mapping::Mapping* mapping_;
  static std::size_t stored_;
};

fs::path* MultiQueryTest::dir_ = nullptr;
store::MirrorStore* MultiQueryTest::store_ = nullptr;
mapping::Mapping* MultiQueryTest::mapping_ = nullptr;
std::size_t MultiQueryTest::stored_ = 0;

TEST_F(MultiQueryTest, ClearColumnsOnlyAnswerLikeOnePassPerQueryWithoutDecrypting) {
  ASSERT_EQ(stored_, kCases);
  // Every field here is clear in mappings/raito-plus.toml (依頼日, 支援終了日, 依頼区分,
  // 管理センター, 知的障害, ケース番号), so neither deciding nor handing over needs a body.
  const std::vector<std::string> queries = {
      "依頼日 >= \"2024-04-01\" and 依頼日 <= \"2025-03-31\"",
      "依頼日 < \"2024-04-01\" and (支援終了日 >= \"2024-04-01\" or 支援終了日 = \"\")",
      "支援終了日 >= \"2024-04-01\" and 支援終了日 <= \"2025-03-31\"",
      "(知的障害 in (\"有\")) and (依頼日 <= \"2025-03-31\")",
      "依頼区分 in (\"特別調整\") or 管理センター in (\"東京都地域生活定着支援センター\")",
      "依頼区分 not in (\"特別調整\", \"一般調整\")",
      "$id <= 100 and ケース番号 like \"13-\"",
  };
  const std::vector<std::string> fields = {"ケース番号", "管理センター"};
  const Answers reference = onePassPerQuery(queries, fields);
  expectDiscriminating(reference);
  StoreMirrorReader r = reader();
  EXPECT_EQ(onePass(r, queries, fields), reference);
  EXPECT_EQ(r.lastScanStats().records, kCases);
  EXPECT_EQ(r.lastScanStats().decrypted, 0u) << "clear columns decide and supply everything";
}

TEST_F(MultiQueryTest, EncryptedFieldsAreDecidedOnTheDecryptedBody) {
  // 生年月日 and 氏名 are not clear. 生年月日 is sealed_filter (mappings/raito-plus.toml): its
  // conditions are decided on the filter body; handing over 氏名 needs the whole body.
  const std::vector<std::string> queries = {
      "生年月日 <= \"1960-04-01\"",
      "(生年月日 <= \"1960-04-01\") and (依頼日 >= \"2024-04-01\" and 依頼日 <= \"2025-03-31\")",
      "生年月日 > \"1990-01-01\" or 依頼区分 in (\"特別調整\")",
      "依頼日 >= \"2024-04-01\"",
  };
  const std::vector<std::string> fields = {"ケース番号", "氏名", "依頼日"};
  const Answers reference = onePassPerQuery(queries, fields);
  expectDiscriminating(reference);
  StoreMirrorReader r = reader();
  EXPECT_EQ(onePass(r, queries, fields), reference);
  // The first query's only field is encrypted: every record's filter body is opened, and a
  // whole body only for a record handed over (氏名 is asked for).
  EXPECT_EQ(r.lastScanStats().filtersOpened, kCases);
  EXPECT_EQ(r.lastScanStats().decrypted, r.lastScanStats().handedOver);
  std::set<std::string> matchedAny;
  for (const auto& perQuery : reference) {
    matchedAny.insert(perQuery.begin(), perQuery.end());
  }
  EXPECT_EQ(r.lastScanStats().handedOver, matchedAny.size());
  EXPECT_LT(r.lastScanStats().handedOver, kCases);
  // Whole records (no field named) come from the body too.
  const Answers whole = onePassPerQuery({queries[3]}, {});
  StoreMirrorReader r2 = reader();
  EXPECT_EQ(onePass(r2, {queries[3]}, {}), whole);
}

TEST_F(MultiQueryTest, OpensTheFilterBodyOnlyWhereTheClearConditionDoesNotDecide) {
  // 高齢 × 新規 of the national draft: the clear conjunct (依頼日 in FY2024) is false for most
  // records, and then nothing is opened. Expected: one filter body per record requested in
  // FY2024, counted by an independent query on the clear field alone, and no whole body
  // (ケース番号 and 管理センター are clear).
  const std::string newInYear = "依頼日 >= \"2024-04-01\" and 依頼日 <= \"2025-03-31\"";
  const std::vector<std::string> queries = {"(生年月日 <= \"1960-04-01\") and (" + newInYear + ")"};
  const std::vector<std::string> fields = {"ケース番号", "管理センター"};
  const Answers reference = onePassPerQuery(queries, fields);
  const std::size_t requestedInYear = onePassPerQuery({newInYear}, fields).front().size();
  ASSERT_GT(requestedInYear, 0u);
  ASSERT_LT(requestedInYear, kCases);
  StoreMirrorReader r = reader();
  EXPECT_EQ(onePass(r, queries, fields), reference);
  EXPECT_EQ(r.lastScanStats().filtersOpened, requestedInYear);
  EXPECT_EQ(r.lastScanStats().decrypted, 0u);
  EXPECT_EQ(r.lastScanStats().handedOver, reference.front().size());
}

TEST_F(MultiQueryTest, ARecordWithoutAFilterBodyIsDecidedOnItsBody) {
  // Synced before 生年月日 was marked sealed_filter: no filter body; the body decides.
  const mapping::AppMapping& cases = *mapping_->app("cases");
  const std::string json =
      "{\"$id\":{\"type\":\"__ID__\",\"value\":\"900002\"},"
      "\"$revision\":{\"type\":\"__REVISION__\",\"value\":\"1\"},"
      "\"ケース番号\":{\"type\":\"SINGLE_LINE_TEXT\",\"value\":\"99-000002\"},"
      "\"生年月日\":{\"type\":\"DATE\",\"value\":\"1899-01-01\"}}";
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  store::RecordInput input = sync::toRecordInput(cases, doc);
  ASSERT_FALSE(input.filterBody.empty()) << "the sync writes one";
  input.filterBody.clear();
  store_->upsertRecord(input);
  StoreMirrorReader r = reader();
  const Answers answers = onePass(r, {"生年月日 < \"1900-01-01\""}, {"ケース番号"});
  EXPECT_TRUE(store_->deleteRecord("cases", 900002));
  ASSERT_EQ(answers[0].size(), 1u) << "no seed case is born before 1900";
  EXPECT_NE(answers[0][0].find("99-000002"), std::string::npos);
  EXPECT_EQ(r.lastScanStats().decrypted, 1u);
  EXPECT_EQ(r.lastScanStats().filtersOpened, kCases);
}

TEST_F(MultiQueryTest, AClearValueMissingFromTheMirrorFallsBackToTheBody) {
  // A record stored before 依頼日 was made clear has it only in its body: the pass must not
  // read its absence as "empty".
  const mapping::AppMapping& cases = *mapping_->app("cases");
  const std::string json =
      "{\"$id\":{\"type\":\"__ID__\",\"value\":\"900001\"},"
      "\"$revision\":{\"type\":\"__REVISION__\",\"value\":\"1\"},"
      "\"ケース番号\":{\"type\":\"SINGLE_LINE_TEXT\",\"value\":\"99-000001\"},"
      "\"依頼日\":{\"type\":\"DATE\",\"value\":\"2030-01-15\"}}";
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  store::RecordInput input = sync::toRecordInput(cases, doc);
  ASSERT_EQ(input.clear.erase("依頼日"), 1u);
  store_->upsertRecord(input);
  const std::vector<std::string> queries = {"依頼日 >= \"2030-01-01\"", "依頼日 = \"\""};
  StoreMirrorReader r = reader();
  const Answers answers = onePass(r, queries, {"ケース番号"});
  EXPECT_TRUE(store_->deleteRecord("cases", 900001));
  ASSERT_EQ(answers[0].size(), 1u) << "only this record is requested in 2030";
  EXPECT_NE(answers[0][0].find("99-000001"), std::string::npos);
  for (const auto& other : answers[1]) {
    EXPECT_EQ(other.find("99-000001"), std::string::npos) << "not empty: the body has a date";
  }
  EXPECT_EQ(r.lastScanStats().decrypted, 1u);
}

TEST_F(MultiQueryTest, AnInvalidQueryIsRefusedByPosition) {
  StoreMirrorReader r = reader();
  Outcome o = r.forEachMany(
      "cases", {"依頼日 >= \"2024-04-01\"", "存在しない = \"1\""}, {},
      [](const std::string&, std::string_view, const std::vector<std::uint8_t>&) { return true; });
  EXPECT_EQ(o.messageId(), "PLUGIN_SERVICE_FAILED");
  EXPECT_NE(o.message().find("2 番目"), std::string::npos) << o.message();
}

TEST_F(MultiQueryTest, TheHostServiceIsOneAuditedRead) {
  audit::AuditLog audit(*store_, (*dir_ / "audit.head").string());
  AuditLogSink auditSink(audit);
  StoreMirrorReader r = reader();
  HostServices services;
  services.mirror = &r;
  services.audit = &auditSink;
  PluginInfo info;
  info.name = "exporter_test";
  info.capabilities = TB_CAP_READ_MIRROR;
  HostTable table("survey", info, InstanceConfig(toml::table{}, info), services);
  const tb_host* host = table.host();
  ASSERT_TRUE(TB_HAS_FIELD(host, tb_host, mirror_query_many));

  const char* queries[] = {"$id <= 3", "$id >= 5 and $id <= 6"};
  const char* fields[] = {"ケース番号"};
  struct Seen {
    std::vector<std::string> json;
    std::vector<std::vector<std::uint8_t>> matches;
  } seen;
  tb_result result{};
  result.struct_size = sizeof result;
  const tb_status status = host->mirror_query_many(
      host->context, "cases", queries, 2, fields, 1,
      [](void* user, const char* json, std::size_t length, const std::uint8_t* m,
         std::size_t count) -> int {
        auto* s = static_cast<Seen*>(user);
        s->json.emplace_back(json, length);
        s->matches.emplace_back(m, m + count);
        return 0;
      },
      &seen, &result);
  ASSERT_EQ(status, TB_OK) << result.message;
  // Records 1, 2, 3 match the first query, 5 and 6 the second; 4 neither.
  ASSERT_EQ(seen.json.size(), 5u);
  EXPECT_EQ(seen.matches[0], (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(seen.matches[3], (std::vector<std::uint8_t>{0, 1}));

  std::vector<store::AuditRow> reads;
  store_->forEachAuditRow([&](const store::AuditRow& row) {
    if (row.action == "plugin.read") {
      reads.push_back(row);
    }
  });
  ASSERT_EQ(reads.size(), 1u) << "one audit row for the whole call";
  EXPECT_EQ(reads[0].actor, "plugin:survey");
  EXPECT_EQ(reads[0].app, "cases");
  EXPECT_EQ(reads[0].recordIds, "1,2,3,5,6");
  EXPECT_EQ(reads[0].fieldCodes, "ケース番号");
  EXPECT_TRUE(audit.verify().ok());

  // Without the capability the service is refused and nothing is read.
  info.capabilities = 0;
  HostTable refused("survey", info, InstanceConfig(toml::table{}, info), services);
  const tb_host* h2 = refused.host();
  EXPECT_EQ(h2->mirror_query_many(
                h2->context, "cases", queries, 2, fields, 1,
                [](void*, const char*, std::size_t, const std::uint8_t*, std::size_t) -> int {
                  return 0;
                },
                nullptr, &result),
            TB_FAIL);
  EXPECT_STREQ(result.message_id, "PLUGIN_CAPABILITY_MISSING");
}

}  // namespace
}  // namespace teichaku::plugin_host
