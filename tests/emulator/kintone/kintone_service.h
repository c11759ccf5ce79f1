#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "kintone/engine.h"
#include "kintone/webhooks.h"
#include "service.h"

// The kintone REST API (/k/v1/..., /k/guest/{id}/v1/...) as a Service.
namespace teichaku::emulator::kintone {

class KintoneService : public Service {
 public:
  explicit KintoneService(EngineOptions options);

  bool owns(const Request& request) const override;
  Response handle(const Request& request) override;
  void reset() override;
  // /__emulator/kintone/webhooks (GET: delivery log; DELETE: clear).
  bool handleControl(const Request& request, Response& response) override;

  // Adds apps/users from a seed document; throws KintoneError on invalid records.
  void seed(const rapidjson::Value& root);
  void configure(const std::function<void(EngineOptions&)>& change);
  WebhookDispatcher& webhooks() { return webhooks_; }

 private:
  std::mutex mutex_;
  Engine engine_;
  WebhookDispatcher webhooks_;
};

}  // namespace teichaku::emulator::kintone
