#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/outcome.h"

// What the host offers a plugin, as C++ interfaces. The integrator binds them to the
// real mirror store, kintone client and audit chain; tests bind in-memory fakes. No
// interface here can reach an API secret.
namespace teichaku::plugin_host {

// Read access to the local mirror. `fn` receives each matching record as kintone
// record JSON (UTF-8) and returns false to stop early.
class MirrorReader {
 public:
  virtual ~MirrorReader() = default;
  virtual Outcome forEach(const std::string& app, const std::string& query,
                          const std::vector<std::string>& fields,
                          const std::function<bool(std::string_view recordJson)>& fn) = 0;

  // Receives a record matching at least one query: its id, its JSON (as forEach) and one
  // flag per query (1 = matches). Returns false to stop early.
  using MatchesFn = std::function<bool(const std::string& recordId, std::string_view recordJson,
                                       const std::vector<std::uint8_t>& matches)>;

  // Many queries at once, each record handed over once, in record-id order. The default runs
  // forEach once per query and merges the answers by record id (readers that can decide all
  // queries in one pass over their data override it, as the store's reader does).
  virtual Outcome forEachMany(const std::string& app, const std::vector<std::string>& queries,
                              const std::vector<std::string>& fields, const MatchesFn& fn);
};

// Where plugin output goes. `fileName` has already been checked to be a plain, safe
// name; the sink decides the folder (one per instance).
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual Outcome writeFile(const std::string& instance, const std::string& fileName,
                            std::string_view data) = 0;
  virtual Outcome attachFile(const std::string& instance, const std::string& app,
                             const std::string& recordId, const std::string& fieldCode,
                             const std::string& fileName, std::string_view data) = 0;
};

// One audited access by a plugin: who read or wrote what. Ids and codes, never values.
struct AuditEvent {
  std::string instance;
  std::string pluginType;
  std::string action;  // "read", "write_file", "attach_file"
  std::string app;     // empty for write_file
  std::vector<std::string> recordIds;
  std::vector<std::string> fieldCodes;  // empty = all fields
  std::string target;                   // file name written or attached
};

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  virtual void record(const AuditEvent& event) = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

// Receives progress; returns false to ask the plugin to stop.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual bool report(const std::string& instance, std::uint64_t done, std::uint64_t total,
                      const std::string& stage) = 0;
};

// The services for one instance. Null members are simply unavailable: the call fails
// with a message instead of crashing (check-config builds instances with none).
struct HostServices {
  MirrorReader* mirror = nullptr;
  OutputSink* output = nullptr;
  AuditSink* audit = nullptr;
  const Clock* clock = nullptr;  // null = system clock
  ProgressSink* progress = nullptr;
};

}  // namespace teichaku::plugin_host
