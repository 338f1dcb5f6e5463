// Seeded randomness that replays identically on every platform: std::mt19937_64 is fully
// specified by the C++ standard, but std::*_distribution output is not, so the mappings to
// [0, 1) and to [0, n) are our own. No clock, no global state.
#pragma once

#include <cstdint>
#include <random>

#include "core/check.hpp"

namespace ttft {

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): spreads a value into a well-mixed seed,
/// so streams derived from one run seed are independent.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// Uniform integer in [0, bound), bound > 0, by rejection sampling on the raw 64-bit output.
  std::uint64_t below(std::uint64_t bound) {
    TTFT_CHECK(bound > 0, "Rng::below needs a positive bound");
    // Outputs below 2^64 mod bound are rejected so that the accepted range is a whole multiple
    // of bound and the modulo is unbiased.
    const std::uint64_t threshold = (std::uint64_t{0} - bound) % bound;
    while (true) {
      const std::uint64_t raw = engine_();
      if (raw >= threshold) return raw % bound;
    }
  }

  /// Uniform in [0, 1) with 53 random bits.
  double unit_interval() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace ttft
