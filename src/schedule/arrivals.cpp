// Open-loop arrivals. Constant spacing is computed from the arrival index (k * step), never by
// adding gaps, so rounding never accumulates over thousands of requests. Poisson gaps are
// exponential, -ln(1 - U) * mean, with U from our own [0,1) mapping (see rng.hpp).
#include "schedule/arrivals.hpp"

#include <algorithm>
#include <cmath>

#include "core/check.hpp"
#include "schedule/rng.hpp"

namespace ttft::schedule {

Arrivals::Arrivals(const scenario::Phase& phase, double time_scale, std::uint64_t seed)
    : rng_(seed), seed_(seed) {
  TTFT_CHECK(phase.interval_ns || phase.rate_per_s, "arrivals need interval or rate");
  if (phase.interval_ns) {
    step_ns_ = static_cast<double>(*phase.interval_ns) * time_scale;
  } else {
    const double gap_ns = 1e9 / *phase.rate_per_s * time_scale;
    poisson_ = phase.arrival == scenario::Arrival::poisson;
    (poisson_ ? mean_gap_ns_ : step_ns_) = gap_ns;
  }
}

Nanos Arrivals::next_offset_ns() {
  const std::int64_t k = index_++;
  if (!poisson_) return std::llround(static_cast<double>(k) * step_ns_);
  // The first arrival is at the phase start, like the constant case; later ones follow
  // exponential gaps, which makes the arrival process Poisson from there on.
  if (k > 0) poisson_offset_ns_ += -std::log1p(-rng_.unit_interval()) * mean_gap_ns_;
  return std::llround(poisson_offset_ns_);
}

std::int64_t Arrivals::count_before(Nanos bound_ns, std::int64_t cap) const {
  if (bound_ns <= 0 || cap <= 0) return 0;
  if (poisson_) {
    Arrivals fresh = *this;
    fresh.rng_ = Rng(seed_);
    fresh.index_ = 0;
    fresh.poisson_offset_ns_ = 0;
    std::int64_t count = 0;
    while (count < cap && fresh.next_offset_ns() < bound_ns) ++count;
    return count;
  }
  // Smallest k with round(k * step) >= bound, found from the estimate bound / step.
  const auto offset = [&](std::int64_t k) {
    return std::llround(static_cast<double>(k) * step_ns_);
  };
  const double estimate = std::ceil(static_cast<double>(bound_ns) / step_ns_);
  if (estimate > static_cast<double>(cap)) return cap;
  auto k = static_cast<std::int64_t>(estimate);
  while (k > 0 && offset(k - 1) >= bound_ns) --k;
  while (offset(k) < bound_ns) ++k;
  return std::min(k, cap);
}

}  // namespace ttft::schedule
