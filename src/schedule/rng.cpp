// Deterministic randomness for schedules; see rng.hpp for why the mappings are our own.
#include "schedule/rng.hpp"

#include "core/random.hpp"

namespace ttft::schedule {

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t phase_index, std::uint64_t purpose) {
  return splitmix64(splitmix64(splitmix64(seed) ^ phase_index) ^ purpose);
}

}  // namespace ttft::schedule
