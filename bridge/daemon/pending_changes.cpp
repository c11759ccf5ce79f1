#include "daemon/pending_changes.h"

#include <charconv>

namespace teichaku::daemon {

std::string pendingMetaKey(const std::string& app) {
  return "daemon.rules_pending." + app;
}

std::set<std::int64_t> loadPending(store::MirrorStore& store, const std::string& app) {
  std::set<std::int64_t> ids;
  const std::string text = store.meta(pendingMetaKey(app)).value_or("");
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    std::int64_t id = 0;
    auto [next, error] = std::from_chars(p, end, id);
    if (error == std::errc() && id > 0) {
      ids.insert(id);
    }
    p = next;
    while (p < end && *p == ',') {
      ++p;
    }
    if (error != std::errc()) {
      ++p;  // skip what is not a number; the list is ours, so this does not happen
    }
  }
  return ids;
}

void savePending(store::MirrorStore& store, const std::string& app,
                 const std::set<std::int64_t>& ids) {
  std::string text;
  for (std::int64_t id : ids) {
    text += (text.empty() ? "" : ",") + std::to_string(id);
  }
  store.setMeta(pendingMetaKey(app), text);
}

}  // namespace teichaku::daemon
