// Seeds for the schedule's random streams; the generator itself is core/random.hpp, which
// replays a recorded seed identically on every platform.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ttft::schedule {

// Purposes for derive_seed: independent streams per phase, so editing one phase (or adding
// poisson arrivals) never reshuffles another's order.
constexpr std::uint64_t kOrderStream = 1;
constexpr std::uint64_t kArrivalStream = 2;
constexpr std::uint64_t kTieStream = 3;
// Per-request workload draws (run/request_workload): seeded by (seed, the request's pick, purpose),
// so the k-th request of every target draws the same.
constexpr std::uint64_t kInputLengthStream = 4;
constexpr std::uint64_t kOutputLengthStream = 5;
constexpr std::uint64_t kDatasetStream = 6;

/// Independent stream seeds from one run seed: SplitMix64 over (seed, phase, purpose).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t phase_index, std::uint64_t purpose);

}  // namespace ttft::schedule
