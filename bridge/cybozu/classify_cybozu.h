#pragma once

#include <string>

#include "garoon/retrying_sender.h"
#include "kintone/http_types.h"

// The one place that decides Ok / Retry / Fail for a User API response or transport error
// (message ids CYBOZU_*). Table and sources: bridge/cybozu/README.md ("Retry rules").
namespace teichaku::cybozu {

// Platform error shape {"code":"CB_VA01","id":"…","message":"…","errors":{"users[0].code":
// {"messages":["…"]}}} (garoon-cybozu-api.md B1 "Error shape"; INFERRED for the User API).
struct CybozuErrorBody {
  std::string code;
  std::string id;
  std::string message;
  std::vector<std::string> fieldErrors;  // "path: message"
  bool isJson = false;
};

CybozuErrorBody parseCybozuError(const kintone::HttpResponse& response);

garoon::Verdict classifyCybozu(const kintone::HttpResponse& response, bool idempotent);
garoon::Verdict classifyCybozuUnreadableBody(long status, bool idempotent);
garoon::ResponseClassifier cybozuClassifier();

}  // namespace teichaku::cybozu
