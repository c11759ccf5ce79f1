#pragma once

#include <cstdint>

#include "audit/audit_log.h"
#include "mapping/mapping.h"
#include "plugin_host/services.h"
#include "store/mirror_store.h"

// The plugin services bound to the real mirror and audit chain.
namespace teichaku::plugin_host {

// Reads the mirror for a plugin: the query (kintone syntax over field codes) is parsed
// against the form the last sync stored, evaluated over each decrypted body with the
// shared evaluator (as the offline `query` command does), and each match is handed over
// holding only the fields asked for, plus $id (all fields when none is named). Conditions
// only: `order by`, `limit`, `offset` are refused. The host's mirror_query audits the read.
class StoreMirrorReader final : public MirrorReader {
 public:
  StoreMirrorReader(store::MirrorStore& store, const mapping::Mapping& mapping,
                    std::int64_t nowEpochSeconds)
      : store_(store), mapping_(mapping), now_(nowEpochSeconds) {}

  // PLUGIN_SERVICE_FAILED: app not mapped, not synced yet, or an invalid query.
  Outcome forEach(const std::string& app, const std::string& query,
                  const std::vector<std::string>& fields,
                  const std::function<bool(std::string_view recordJson)>& fn) override;

 private:
  store::MirrorStore& store_;
  const mapping::Mapping& mapping_;
  std::int64_t now_;
};

// Writes each plugin access into the hash-chained audit log: actor "plugin:<instance>",
// action "plugin.<read|write_file|attach_file>", app, record ids, field codes; the plugin
// type and the file name go into the detail. Never values.
class AuditLogSink final : public AuditSink {
 public:
  explicit AuditLogSink(audit::AuditLog& log) : log_(log) {}
  void record(const AuditEvent& event) override;

 private:
  audit::AuditLog& log_;
};

}  // namespace teichaku::plugin_host
