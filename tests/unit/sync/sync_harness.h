#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/emulator.h"
#include "core/http_server.h"
#include "kintone/kintone_client.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"
#include "support/temp_dir.h"
#include "sync/sync_engine.h"

// The sync under test against the in-process kintone emulator (tests/emulator) on loopback,
// with the six Raito Plus apps (samples/apps) filled by the seed generator (bridge/seed) and a
// SQLite mirror in a private folder.
namespace teichaku::sync::testing {

// App ids in the emulator, in seed::kAllApps order.
inline const std::map<std::string, std::string> kAppIds = {{"cases", "1"}, {"support_records", "2"},
                                                           {"tasks", "3"}, {"shares", "4"},
                                                           {"staff", "5"}, {"reports", "6"}};

// SyncOptions with a few fields changed: options([](SyncOptions& o) { o.pageSize = 7; }).
template <typename Change>
SyncOptions options(Change change) {
  SyncOptions o;
  change(o);
  return o;
}

class SyncHarness {
 public:
  // `cases` cases from the seed generator with their records (allApps), or the cases app
  // only; `canary` is the seed's canary 氏名.
  SyncHarness(std::size_t cases, bool allApps, std::optional<std::string> canary = {});
  ~SyncHarness();

  std::string dbPath() const { return (dir_.path() / "mirror.db").string(); }
  emulator::Emulator& emulator() { return *emulator_; }
  std::unique_ptr<kintone::KintoneClient> newClient() const;
  std::unique_ptr<store::MirrorStore> openMirror() const;
  kintone::KintoneClient& client() { return *client_; }
  store::MirrorStore& store() { return *store_; }
  const mapping::Mapping& mapping() const { return mapping_; }
  SyncEngine engine(SyncOptions options = {}) {
    return SyncEngine(*client_, *store_, mapping_, kAppIds, std::move(options));
  }

  // Every record of `app` as kintone has it now (all fields), by $id.
  std::map<std::int64_t, std::shared_ptr<rapidjson::Document>> source(const std::string& app);
  // Empty when the mirror of `app` equals the source field by field (mapped fields only, no
  // unmapped field stored); otherwise the first differences, for the failure message.
  std::string differences(const std::string& app, store::MirrorStore& mirror);

  // Sets one text field on records through the kintone API (revision +1 each).
  void updateText(const std::string& app, const std::vector<std::int64_t>& ids,
                  const std::string& code, const std::string& value);
  void deleteIds(const std::string& app, const std::vector<std::int64_t>& ids);

 private:
  teichaku::testing::TempDir dir_;
  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<emulator::HttpServer> server_;
  crypto::KeyRing keys_;
  mapping::Mapping mapping_;
  std::unique_ptr<kintone::KintoneClient> client_;
  std::unique_ptr<store::MirrorStore> store_;
};

}  // namespace teichaku::sync::testing
