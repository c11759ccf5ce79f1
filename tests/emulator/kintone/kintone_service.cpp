#include "kintone/kintone_service.h"

#include "core/json.h"
#include "kintone/api_path.h"
#include "kintone/params.h"

namespace teichaku::emulator::kintone {

KintoneService::KintoneService(EngineOptions options) : engine_(std::move(options)) {}

KintoneService::~KintoneService() {
  if (saver_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stopSaver_ = true;
    }
    saverWake_.notify_all();
    saver_.join();
  }
}

bool KintoneService::openState(const std::string& directory) {
  auto store = std::make_unique<StateStore>(directory);
  bool restored = false;
  {
    std::lock_guard lock(mutex_);
    restored = store->load(engine_.state());
  }
  store_ = std::move(store);
  saver_ = std::thread([this] { runSaver(); });
  return restored;
}

void KintoneService::markDirty() {
  // Called with mutex_ held.
  dirty_ = true;
}

void KintoneService::runSaver() {
  std::unique_lock lock(mutex_);
  while (true) {
    saverWake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopSaver_; });
    if (dirty_) {
      State snapshot = engine_.state();  // shared records: cheap to copy
      dirty_ = false;
      lock.unlock();
      store_->save(snapshot);
      lock.lock();
    }
    if (stopSaver_) {
      return;
    }
  }
}

bool KintoneService::owns(const Request& request) const {
  return request.path.rfind("/k/", 0) == 0;
}

void KintoneService::configure(const std::function<void(EngineOptions&)>& change) {
  std::lock_guard lock(mutex_);
  change(engine_.options());
}

Response KintoneService::handle(const Request& request) {
  auto path = parseApiPath(request.path);
  if (!path) {
    return errorResponse(KintoneError{404, "CB_NF01", "指定したAPIは存在しません。", {}});
  }
  std::vector<PendingWebhook> fired;
  Response response;
  {
    std::lock_guard lock(mutex_);
    engine_.tick();
    std::optional<State> backup;
    try {
      Principal principal = engine_.authenticate(request);
      rapidjson::Document params;
      readParams(request, params);
      Call call{request.method, path->api,  path->preview, path->guestSpace,
                &params,        &principal, &request,      false};
      if (request.method != "GET") {
        // Every write is all-or-nothing: records are shared pointers, so the copy is
        // one pointer per record rather than the records themselves.
        backup = engine_.state();
      }
      response = engine_.dispatch(call);
      fired = engine_.takeWebhooks();
      if (backup && response.status < 400) {
        markDirty();
      }
    } catch (const KintoneError& error) {
      if (backup) {
        engine_.state() = std::move(*backup);
      }
      engine_.takeWebhooks();
      response = errorResponse(error);
    }
  }
  for (auto& hook : fired) {
    webhooks_.enqueue(std::move(hook.url), std::move(hook.type), std::move(hook.body));
  }
  return response;
}

void KintoneService::reset() {
  {
    std::lock_guard lock(mutex_);
    engine_.reset();
    engine_.users().clear();
    markDirty();
  }
  webhooks_.clear();
}

void KintoneService::seed(const rapidjson::Value& root, bool includeApps) {
  std::lock_guard lock(mutex_);
  engine_.seed(root, includeApps);
  markDirty();
}

bool KintoneService::handleControl(const Request& request, Response& response) {
  if (request.path != "/__emulator/kintone/webhooks") {
    return false;
  }
  if (request.method == "DELETE") {
    webhooks_.clear();
    response.body = "{}";
    return true;
  }
  webhooks_.drain();
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::key(w, "deliveries");
  w.StartArray();
  for (const auto& d : webhooks_.history()) {
    w.StartObject();
    json::kv(w, "url", d.url);
    json::kv(w, "type", d.type);
    json::kv(w, "result", d.result);
    json::key(w, "body");
    w.RawValue(d.body.c_str(), d.body.size(), rapidjson::kObjectType);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  response.body = buffer.GetString();
  return true;
}

}  // namespace teichaku::emulator::kintone
