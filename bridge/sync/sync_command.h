#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "common/exit_codes.h"
#include "config/config.h"
#include "kintone/kintone_client.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"
#include "sync/run_query.h"
#include "sync/sync_engine.h"

// The `sync` and `query` commands as plain functions, so the CLI wires each in one line.
namespace teichaku::sync {

struct SyncCommandOptions {
  std::vector<std::string> apps;  // empty: every app that is configured and mapped
  bool full = false;              // read everything instead of the changes
  bool reconcile = false;         // also run the deletion check ($id set diff)
  bool writeBack = false;         // also write derived values back (`sync --write-back`)
  bool allowMassDelete = false;   // an operator confirmed a large deletion
  std::string summaryFile;        // summary.json; empty = none
};

// What the command works on. The CLI builds the client with its API tokens
// (cli::makeKintoneClient) and the store with openMirror().
struct SyncServices {
  const config::Config& config;
  kintone::KintoneClient& client;
  store::MirrorStore& store;
  const mapping::Mapping& mapping;
};

// Runs sync (then reconcile and write-back when asked) app by app, prints one Japanese line
// per run, writes summary.json. Exit code: 4 when the delete guard stopped a run, 2 for a
// mapping that does not fit the live form, 1 for other failures, 3 when only temporary
// conditions (rate limit, service down) remain, else 0.
ExitCode runSyncCommand(const SyncServices& services, const SyncCommandOptions& options,
                        std::ostream& out, std::ostream& err);

struct QueryCommandOptions {
  std::string app;
  std::string format = "table";  // csv | json | table
  std::string query;
};

// `query --app NAME [--format F] 'QUERY'`: answers from the mirror. `read` (optional)
// receives the ids and field codes shown, for the caller's audit entry.
ExitCode runQueryCommand(store::MirrorStore& store, const mapping::Mapping& mapping,
                         const QueryCommandOptions& options, std::ostream& out, std::ostream& err,
                         QueryResult* read = nullptr);

// Opens the mirror named by [store] with its key ring. Throws std::runtime_error (Japanese).
std::unique_ptr<store::MirrorStore> openMirror(const config::Config& config);

}  // namespace teichaku::sync
