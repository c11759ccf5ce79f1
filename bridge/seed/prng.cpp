#include "seed/prng.h"

#include <numeric>
#include <stdexcept>

namespace teichaku::seed {

std::uint64_t Prng::below(std::uint64_t n) {
  if (n == 0) {
    throw std::invalid_argument("Prng::below(0)");
  }
  // Values under `threshold` would make the low residues more likely; draw again.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t value = engine_();
    if (value >= threshold) {
      return value % n;
    }
  }
}

std::int64_t Prng::between(std::int64_t lo, std::int64_t hi) {
  if (hi < lo) {
    throw std::invalid_argument("Prng::between: hi < lo");
  }
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(below(span));
}

std::size_t Prng::weighted(std::span<const unsigned> weights) {
  const std::uint64_t total = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
  std::uint64_t roll = below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (roll < weights[i]) {
      return i;
    }
    roll -= weights[i];
  }
  return weights.size() - 1;
}

std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + (stream + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace teichaku::seed
