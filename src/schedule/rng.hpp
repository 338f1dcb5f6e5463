// Deterministic randomness for schedules: mt19937_64 (fully specified by the C++ standard) with
// our own mappings to [0,1) and to indices, because std::*_distribution output differs between
// standard libraries and a recorded seed must replay the same schedule everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace ttft::schedule {

// Purposes for derive_seed: independent streams per phase, so editing one phase (or adding
// poisson arrivals) never reshuffles another's order.
constexpr std::uint64_t kOrderStream = 1;
constexpr std::uint64_t kArrivalStream = 2;
constexpr std::uint64_t kTieStream = 3;

/// Independent stream seeds from one run seed: SplitMix64 over (seed, phase, purpose).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t phase_index, std::uint64_t purpose);

/// Uniform in [0, 1) with 53 random bits.
double unit_interval(std::mt19937_64& rng);

/// Uniform in [0, n) for n > 0 (rejection sampling, no modulo bias).
std::size_t uniform_index(std::mt19937_64& rng, std::size_t n);

}  // namespace ttft::schedule
