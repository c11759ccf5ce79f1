#include "kintone/curl_handles.h"

#include <csignal>
#include <mutex>
#include <stdexcept>

namespace teichaku::kintone {

bool appendToSlist(CurlSlist& list, const char* line) {
  curl_slist* extended = curl_slist_append(list.get(), line);
  if (extended == nullptr) {
    return false;
  }
  static_cast<void>(list.release());
  list.reset(extended);
  return true;
}

void ensureCurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl の初期化に失敗しました。");
    }
    std::signal(SIGPIPE, SIG_IGN);
  });
}

}  // namespace teichaku::kintone
