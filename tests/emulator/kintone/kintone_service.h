#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kintone/engine.h"
#include "kintone/state_store.h"
#include "kintone/webhooks.h"
#include "service.h"

// The kintone REST API (/k/v1/..., /k/guest/{id}/v1/...) as a Service.
namespace teichaku::emulator::kintone {

class KintoneService : public Service {
 public:
  explicit KintoneService(EngineOptions options);
  ~KintoneService() override;
  KintoneService(const KintoneService&) = delete;
  KintoneService& operator=(const KintoneService&) = delete;

  bool owns(const Request& request) const override;
  Response handle(const Request& request) override;
  void reset() override;
  // /__emulator/kintone/webhooks (GET: delivery log; DELETE: clear).
  bool handleControl(const Request& request, Response& response) override;

  // Adds users and (when includeApps) apps from a seed document; throws KintoneError on
  // invalid records.
  void seed(const rapidjson::Value& root, bool includeApps = true);
  // Persists state in DIR/kintone.sqlite from now on; returns true when a saved state
  // was restored (the caller then skips seeding apps again).
  bool openState(const std::string& directory);
  void configure(const std::function<void(EngineOptions&)>& change);
  WebhookDispatcher& webhooks() { return webhooks_; }

 private:
  void markDirty();
  void runSaver();

  std::mutex mutex_;
  Engine engine_;
  WebhookDispatcher webhooks_;
  // Persistence (--state): a saver thread writes at most once a second after changes.
  std::unique_ptr<StateStore> store_;
  std::thread saver_;
  std::condition_variable saverWake_;
  bool dirty_ = false;
  bool stopSaver_ = false;
};

}  // namespace teichaku::emulator::kintone
