#pragma once

#include <string>

#include "garoon/retrying_sender.h"
#include "kintone/http_types.h"

// The one place that decides Ok / Retry / Fail for a Garoon REST response or transport
// error. Table and sources: bridge/garoon/README.md ("Retry rules").
namespace teichaku::garoon {

// Error body {"error":{"errorCode":"GRN_…","message":…}} (garoon-cybozu-api.md A1 "Error
// response", from miyajan/garoon-rest GaroonRestAPIError.ts); X-Cybozu-Error as fallback.
struct GaroonErrorBody {
  std::string errorCode;
  std::string message;
  bool isJson = false;
};

GaroonErrorBody parseGaroonError(const kintone::HttpResponse& response);

Verdict classifyGaroon(const kintone::HttpResponse& response, bool idempotent);
Verdict classifyGaroonUnreadableBody(long status, bool idempotent);

ResponseClassifier garoonClassifier();

}  // namespace teichaku::garoon
