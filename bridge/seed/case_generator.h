#pragma once

#include <cstddef>

#include "seed/generator.h"

namespace teichaku::seed {

// Emits case `index` with its support records, tasks and shares. Depends only on
// (options.seed, index, options.baseDate, options.canary).
void generateCase(const SeedOptions& options, std::size_t index, const RecordSink& sink);

}  // namespace teichaku::seed
