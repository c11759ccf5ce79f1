#include <charconv>
#include <limits>
#include <map>
#include <utility>

#include "plugin_host/record_id.h"
#include "plugin_host/services.h"

namespace teichaku::plugin_host {
namespace {

// Record-id order: numeric ids first, by value; anything else after them.
std::int64_t orderOf(const std::string& id) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  return ec == std::errc() && end == id.data() + id.size()
             ? n
             : std::numeric_limits<std::int64_t>::max();
}

}  // namespace

Outcome MirrorReader::forEachMany(const std::string& app, const std::vector<std::string>& queries,
                                  const std::vector<std::string>& fields, const MatchesFn& fn) {
  struct Found {
    std::string id;
    std::vector<std::uint8_t> matches;
  };
  // Keyed by (id order, JSON): the same record answers each query with the same JSON.
  std::map<std::pair<std::int64_t, std::string>, Found> found;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    Outcome outcome = forEach(app, queries[q], fields, [&](std::string_view json) {
      std::string id = recordIdOf(json);
      const std::int64_t order = orderOf(id);
      auto [it, added] = found.try_emplace({order, std::string(json)}, Found{std::move(id), {}});
      if (added) {
        it->second.matches.assign(queries.size(), 0);
      }
      it->second.matches[q] = 1;
      return true;
    });
    if (!outcome.isOk()) {
      return outcome;
    }
  }
  for (const auto& [key, record] : found) {
    if (!fn(record.id, key.second, record.matches)) {
      break;
    }
  }
  return Outcome::ok();
}

}  // namespace teichaku::plugin_host
