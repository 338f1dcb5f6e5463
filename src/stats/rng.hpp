// Seeded random integers that are identical on every platform. No clock, no global state.
// std::mt19937_64 is fully specified by the standard; std::uniform_int_distribution is not.
#pragma once

#include <cstdint>
#include <random>

#include "core/check.hpp"

namespace ttft::stats {

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

 private:
  std::mt19937_64 engine_;
};

}  // namespace ttft::stats
