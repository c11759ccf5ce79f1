#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "store/mirror_store.h"

// Records a poll stored as new or changed that the rules have not seen yet, kept in the
// store's meta ("daemon.rules_pending.<app>": ids only, no field value) and written in the
// same transaction as the records themselves. A crash between storing a record and running
// the rules therefore loses nothing: the next poll finds the ids still pending (the mirror
// alone would say "already at this revision, nothing changed").
namespace teichaku::daemon {

std::string pendingMetaKey(const std::string& app);
std::set<std::int64_t> loadPending(store::MirrorStore& store, const std::string& app);
void savePending(store::MirrorStore& store, const std::string& app,
                 const std::set<std::int64_t>& ids);

}  // namespace teichaku::daemon
