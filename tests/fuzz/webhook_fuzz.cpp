// libFuzzer target: any byte string is a webhook body. parseWebhook must never crash, hit UB,
// leak or recurse without bound; what it accepts must be a notice with positive ids and a known
// type, and the queue must merge it as the server does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/webhook_notice.h"
#include "server/webhook_queue.h"

namespace {

bool knownType(const std::string& type) {
  return type == "ADD_RECORD" || type == "UPDATE_RECORD" || type == "UPDATE_STATUS" ||
         type == "DELETE_RECORD" || type == "ADD_RECORD_COMMENT";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string why;
  auto notice = teichaku::server::parseWebhook(body, &why);
  if (!notice) {
    if (why.empty()) {
      std::abort();  // a refusal always says why
    }
    return 0;
  }
  if (notice->appId <= 0 || notice->recordId <= 0 || !knownType(notice->type)) {
    std::abort();
  }
  teichaku::server::WebhookQueue queue(1);
  if (!queue.push(*notice) || !queue.push(*notice) || queue.size() != 1) {
    std::abort();
  }
  return 0;
}
