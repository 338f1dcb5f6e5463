// Open-loop arrival times within a phase (docs/scenario.md ("Open-loop phases"): "interval" and "rate", constant or
// poisson). Offsets are from the phase start, already multiplied by time_scale. Pure.
#pragma once

#include <cstdint>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "scenario/scenario.hpp"

namespace ttft::schedule {

class Arrivals {
 public:
  /// `phase` must be paced by interval or rate; `seed` drives poisson gaps only.
  Arrivals(const scenario::Phase& phase, double time_scale, std::uint64_t seed);

  /// Offset of the next arrival from the phase start (the first is 0), advancing the sequence.
  Nanos next_offset_ns();

  /// How many arrivals a fresh sequence (same seed) has at offsets < `bound_ns`, at most `cap`.
  std::int64_t count_before(Nanos bound_ns, std::int64_t cap) const;

 private:
  bool poisson_ = false;
  double step_ns_ = 0;      // constant spacing (interval, or 1/rate), scaled
  double mean_gap_ns_ = 0;  // poisson: mean of the exponential gaps, scaled
  Rng rng_;
  std::uint64_t seed_;
  std::int64_t index_ = 0;
  double poisson_offset_ns_ = 0;
};

}  // namespace ttft::schedule
