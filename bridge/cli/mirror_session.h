#pragma once

#include <memory>
#include <optional>
#include <ostream>

#include "config/config.h"
#include "mapping/mapping.h"
#include "store/mirror_store.h"

namespace teichaku::cli {

// What every command that touches the mirror needs: the configuration, the data
// mapping (its personal field names registered with the log redactor) and the store.
struct MirrorSession {
  config::Config config;
  mapping::Mapping mapping;
  std::unique_ptr<store::MirrorStore> store;
};

// Prints what went wrong (Japanese, with file and line) and returns nullopt, after
// which the command exits 2.
std::optional<MirrorSession> openMirrorSession(const std::string& configPath, std::ostream& err);

}  // namespace teichaku::cli
