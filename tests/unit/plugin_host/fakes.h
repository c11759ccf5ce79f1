#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "plugin_host/services.h"

// In-memory host services for plugin tests: a mirror over a few JSON records, a sink
// and an audit log that remember everything, a fixed clock.
namespace teichaku::plugin_host::testing {

class FakeMirror final : public MirrorReader {
 public:
  // A record of `app` with id `id`; it matches the queries listed (and "").
  void add(const std::string& app, const std::string& id, std::set<std::string> queries = {}) {
    records_[app].push_back(
        {id, "{\"$id\":{\"type\":\"__ID__\",\"value\":\"" + id + "\"}}", std::move(queries)});
  }

  Outcome forEach(const std::string& app, const std::string& query,
                  const std::vector<std::string>& fields,
                  const std::function<bool(std::string_view)>& fn) override {
    calls.push_back({app, query});
    lastFields = fields;
    auto it = records_.find(app);
    if (it == records_.end()) {
      return Outcome::fail("PLUGIN_BAD_REQUEST", "unknown app");
    }
    for (const auto& r : it->second) {
      if ((query.empty() || r.queries.count(query) != 0) && !fn(r.json)) {
        break;
      }
    }
    return Outcome::ok();
  }

  std::vector<std::pair<std::string, std::string>> calls;  // (app, query)
  std::vector<std::string> lastFields;

 private:
  struct Record {
    std::string id;
    std::string json;
    std::set<std::string> queries;
  };
  std::map<std::string, std::vector<Record>> records_;
};

class MemorySink final : public OutputSink {
 public:
  Outcome writeFile(const std::string& instance, const std::string& fileName,
                    std::string_view data) override {
    files[instance + "/" + fileName] = std::string(data);
    return Outcome::ok();
  }
  Outcome attachFile(const std::string& instance, const std::string& app,
                     const std::string& recordId, const std::string& fieldCode,
                     const std::string& fileName, std::string_view data) override {
    files[instance + "@" + app + "/" + recordId + "/" + fieldCode + "/" + fileName] =
        std::string(data);
    return Outcome::ok();
  }
  std::map<std::string, std::string> files;
};

class MemoryAudit final : public AuditSink {
 public:
  void record(const AuditEvent& event) override { events.push_back(event); }
  std::vector<AuditEvent> events;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point t) : t_(t) {}
  std::chrono::system_clock::time_point now() const override { return t_; }

 private:
  std::chrono::system_clock::time_point t_;
};

}  // namespace teichaku::plugin_host::testing
