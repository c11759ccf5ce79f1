#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/outcome.h"
#include "kintone/http_types.h"

// The one place that decides Ok / Retry / Fail for a kintone response or transport error.
// The table, with sources, is in bridge/kintone/README.md ("Retry policy").
namespace teichaku::kintone {

struct Classification {
  Outcome outcome;
  std::string kintoneCode;  // e.g. GAIA_TO04; empty when the body had none
  long status = 0;
  std::optional<std::chrono::seconds> retryAfter;
};

Classification classify(const HttpResponse& response, bool idempotent);

// A 2xx whose body is not the JSON the API promises (truncated, or an HTML page from a
// proxy): like a network error, retried only when idempotent.
Classification classifyUnreadableBody(long status, bool idempotent);

// Codes that mean "busy, try again later": concurrency limit, cursor limit, database locks
// (kintone-api.md §6.2 and §8: GAIA_TO04, GAIA_TM12, GAIA_RE18, GAIA_DA02, GAIA_LT01).
bool isRetryableKintoneCode(const std::string& code);

}  // namespace teichaku::kintone
