#include "cli/seed_uploader.h"

#include <rapidjson/document.h>

namespace teichaku::cli {

SeedUploader::SeedUploader(kintone::KintoneClient& client,
                           std::array<std::string, seed::kAllApps.size()> appIds,
                           std::size_t batchSize)
    : client_(client), appIds_(std::move(appIds)), batchSize_(batchSize) {}

Outcome SeedUploader::add(seed::App app, std::string_view recordJson) {
  if (!failure_.isOk()) {
    return failure_;
  }
  auto& queue = pending_[static_cast<std::size_t>(app)];
  queue.emplace_back(recordJson);
  if (queue.size() >= batchSize_) {
    if (app != seed::App::kCases) {
      // The cases this batch looks up must be in kintone first.
      failure_ = flush(seed::App::kCases);
    }
    if (failure_.isOk()) {
      failure_ = flush(app);
    }
  }
  return failure_;
}

Outcome SeedUploader::finish() {
  for (seed::App app : {seed::App::kStaff, seed::App::kReports, seed::App::kCases,
                        seed::App::kSupportRecords, seed::App::kTasks, seed::App::kShares}) {
    if (failure_.isOk()) {
      failure_ = flush(app);
    }
  }
  return failure_;
}

Outcome SeedUploader::flush(seed::App app) {
  auto& queue = pending_[static_cast<std::size_t>(app)];
  if (queue.empty()) {
    return Outcome::ok();
  }
  rapidjson::Document records(rapidjson::kArrayType);
  auto& alloc = records.GetAllocator();
  for (const auto& text : queue) {
    rapidjson::Document one(&alloc);
    one.Parse(text.data(), text.size());
    records.PushBack(rapidjson::Value(one, alloc), alloc);
  }
  auto result = client_.addRecords(appIds_[static_cast<std::size_t>(app)], records);
  posted_[static_cast<std::size_t>(app)] += result.recordsDone;
  queue.clear();
  return result.outcome;
}

}  // namespace teichaku::cli
