#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/outcome.h"
#include "kintone/kintone_client.h"
#include "seed/generator.h"

namespace teichaku::cli {

// Posts generated records to kintone in batches. Records that look up a case
// (support records, tasks, shares) are held back until the cases they refer to are
// stored, because kintone resolves a lookup key when the record is added.
class SeedUploader {
 public:
  // appIds: kintone app id per seed app (index = seed::App).
  SeedUploader(kintone::KintoneClient& client,
               std::array<std::string, seed::kAllApps.size()> appIds, std::size_t batchSize = 500);

  // Queues one record; may post. Returns the first failure and stops posting after it.
  Outcome add(seed::App app, std::string_view recordJson);
  Outcome finish();

  std::size_t posted(seed::App app) const { return posted_[static_cast<std::size_t>(app)]; }

 private:
  Outcome flush(seed::App app);

  kintone::KintoneClient& client_;
  std::array<std::string, seed::kAllApps.size()> appIds_;
  std::size_t batchSize_;
  std::array<std::vector<std::string>, seed::kAllApps.size()> pending_;
  std::array<std::size_t, seed::kAllApps.size()> posted_{};
  Outcome failure_ = Outcome::ok();
};

}  // namespace teichaku::cli
