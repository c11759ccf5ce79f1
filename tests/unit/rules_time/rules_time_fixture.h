#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"
#include "garoon/payload_guard.h"
#include "kintone/kintone_client.h"
#include "mapping/mapping.h"
#include "rules/centre_directory.h"
#include "rules/outbox_action.h"
#include "rules/rule.h"
#include "store/mirror_store.h"
#include "support/temp_dir.h"

// Rules 3–6 under test: a SQLite mirror in a private folder, an injected clock, a fake
// centre directory and the in-process kintone emulator (cases app from samples/apps) for
// the rule that reads kintone.
namespace teichaku::rules::testing {

inline const std::string kTokyo = "東京都地域生活定着支援センター";
inline const std::string kOsaka = "大阪府地域生活定着支援センター";
inline const std::string kBaseUrl = "https://example.cybozu.com";
// A distinctive name that must never reach a Garoon payload.
inline const std::string kCanary = "カナリア試験太郎";

// Tokyo: staff t1, t2 (Garoon users); Osaka: o1. "x9" belongs to no centre.
class FakeDirectory : public CentreDirectory {
 public:
  Outcome refresh() override { return Outcome::ok(); }
  bool isKnownCentre(const std::string& centre) const override;
  std::optional<std::string> organizationCode(const std::string& centre) const override;
  std::vector<std::string> staffLoginCodes(const std::string& centre) const override;
  std::optional<std::string> centreOfUser(const std::string& login) const override;
};

// Unix milliseconds of a JST wall-clock time (test input, not an expected value).
std::int64_t jstMs(int year, int month, int day, int hour, int minute = 0);

struct Item {
  std::string key;
  std::string kind;
  std::string payload;
};

class RulesTimeTest : public ::testing::Test {
 public:
  // Parses a kintone REST record written in the test.
  static rapidjson::Document json(const std::string& text);

 protected:
  RulesTimeTest();
  ~RulesTimeTest() override;

  RuleServices& services() { return *services_; }
  store::MirrorStore& store() { return *store_; }
  kintone::KintoneClient& client() { return *client_; }

  // Every outbox item in key order.
  std::vector<Item> outbox();
  std::map<std::string, NotificationAction> notifications();
  std::map<std::string, EventAction> events();
  std::map<std::string, KintoneUpdateAction> kintoneUpdates();

  // A mirror record with the given clear values (text values; "date:" prefix = DATE).
  void mirror(const std::string& app, std::int64_t id,
              const std::map<std::string, std::string>& clear);
  std::int64_t now = 0;

 private:
  teichaku::testing::TempDir dir_;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
  mapping::Mapping mapping_;
  std::unique_ptr<store::MirrorStore> store_;
  std::unique_ptr<kintone::KintoneClient> client_;
  FakeDirectory directory_;
  std::unique_ptr<garoon::PayloadGuard> guard_;
  std::unique_ptr<RuleServices> services_;
};

}  // namespace teichaku::rules::testing
