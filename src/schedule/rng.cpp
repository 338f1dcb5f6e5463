// Deterministic randomness for schedules; see rng.hpp for why the mappings are our own.
#include "schedule/rng.hpp"

namespace ttft::schedule {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t phase_index, std::uint64_t purpose) {
  return splitmix64(splitmix64(splitmix64(seed) ^ phase_index) ^ purpose);
}

double unit_interval(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::size_t uniform_index(std::mt19937_64& rng, std::size_t n) {
  const std::uint64_t range = n;
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;  // accept [0, limit)
  std::uint64_t draw = rng();
  while (draw >= limit) draw = rng();
  return static_cast<std::size_t>(draw % range);
}

}  // namespace ttft::schedule
