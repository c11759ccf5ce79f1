#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace teichaku::seed {

// Deterministic random numbers for the synthetic data. std::mt19937_64's output sequence is
// fixed by the C++ standard, but std::uniform_int_distribution and friends are not (libstdc++
// and libc++ give different values), so every distribution used here is written out below and
// the same seed yields byte-identical data with any standard library.
class Prng {
 public:
  explicit Prng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }
  // Uniform in [0, n); n > 0. Rejection sampling keeps it unbiased.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [lo, hi], both inclusive; lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // True with probability perMille / 1000.
  bool chance(unsigned perMille) { return below(1000) < perMille; }
  // Index chosen with probability weights[i] / sum(weights); weights not all zero.
  std::size_t weighted(std::span<const unsigned> weights);

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(below(items.size()))];
  }

 private:
  std::mt19937_64 engine_;
};

// Seed of an independent stream (e.g. case i) derived from the dataset seed: the splitmix64
// finaliser, so neighbouring streams are uncorrelated and case i never depends on case i-1.
std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream);

}  // namespace teichaku::seed
