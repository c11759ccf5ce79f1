#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"
#include "cybozu/cybozu_user_client.h"
#include "garoon/garoon_client.h"
#include "garoon/payload_guard.h"
#include "kintone/kintone_client.h"
#include "mapping/mapping.h"
#include "rules/cybozu_centre_directory.h"
#include "rules/outbox_deliverer.h"
#include "rules/rule_engine.h"
#include "store/mirror_store.h"
#include "support/temp_dir.h"

// The rules against the in-process emulator: kintone with the six sample apps (ids 1–6),
// the cybozu.com directory with the 48 centre organisations and a few staff, Garoon with
// the external notification "teichaku" (sender "bridge"); a SQLite store; the real
// clients, directory, engine and deliverer; a clock the test moves.
namespace teichaku::rules::testing {

inline const std::map<std::string, std::string> kAppIds = {{"cases", "1"}, {"support_records", "2"},
                                                           {"tasks", "3"}, {"shares", "4"},
                                                           {"staff", "5"}, {"reports", "6"}};

inline constexpr const char* kTokyo = "東京都地域生活定着支援センター";
inline constexpr const char* kKanagawa = "神奈川県地域生活定着支援センター";
inline constexpr const char* kOsaka = "大阪府地域生活定着支援センター";
inline constexpr const char* kCanary = "比嘉カナリア太郎";

// One Garoon notification POST as the emulator received it.
struct GaroonNotice {
  std::string notificationKey;
  std::string operation;
  std::vector<std::string> destinationCodes;  // sorted
  std::string body;                           // the raw request body
};

class RulesHarness {
 public:
  // `knownCentres` = the directory's centres (default: all 48 but 大阪, so 大阪 is a centre
  // the app offers and the bridge does not know).
  RulesHarness();
  ~RulesHarness();

  std::int64_t now = 1'775'000'000'000;  // 2026-03-31 (UTC), moved by the tests

  RuleEngine& engine() { return *engine_; }
  OutboxDeliverer& deliverer() { return *deliverer_; }
  store::MirrorStore& store() { return *store_; }
  kintone::KintoneClient& kintone() { return *kintone_; }
  garoon::GaroonClient& garoon() { return *garoon_; }
  const garoon::PayloadGuard& guard() { return *guard_; }
  emulator::Emulator& emulator() { return *emulator_; }
  RuleSettings settings() const;

  // A case from the seed generator (its 氏名 is the canary) with these facts; returns $id.
  std::string addCase(const std::string& number, const std::string& centre, bool consent);
  // A share at 下書き; returns $id.
  std::string addShare(const std::string& caseNumber, const std::string& from,
                       const std::string& to, bool confirmed, const std::string& sender);
  void setText(const std::string& app, const std::string& id, const std::string& code,
               const std::string& value);
  rapidjson::Document record(const std::string& app, const std::string& id);
  // setText(共有状況) then the engine as a webhook would call it.
  Outcome setStatus(const std::string& shareId, const std::string& status);
  Outcome changed(const std::string& app, const std::string& id);
  std::size_t deliverAll();

  std::vector<GaroonNotice> garoonNotices();
  // Stored notifications: notificationKey -> recipient count.
  std::map<std::string, std::size_t> garoonItems();
  std::int64_t outboxSize();

 private:
  teichaku::testing::TempDir dir_;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
  mapping::Mapping mapping_;
  std::unique_ptr<kintone::KintoneClient> kintone_;
  std::unique_ptr<garoon::GaroonClient> garoon_;
  std::unique_ptr<cybozu::CybozuUserClient> cybozu_;
  std::unique_ptr<store::MirrorStore> store_;
  std::unique_ptr<garoon::PayloadGuard> guard_;
  std::unique_ptr<CybozuCentreDirectory> directory_;
  std::unique_ptr<RuleEngine> engine_;
  std::unique_ptr<OutboxDeliverer> deliverer_;
};

std::string entityField(const rapidjson::Value& record, const char* code);

}  // namespace teichaku::rules::testing
