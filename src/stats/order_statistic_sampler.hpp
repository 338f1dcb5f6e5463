// The type-7 percentile of one bootstrap resample of a large sample, drawn in O(1) instead of
// by drawing the n values of the resample: only the two order statistics it interpolates
// between are sampled, with their exact joint distribution. Pure; no I/O.
#pragma once

#include <span>

#include "core/random.hpp"
#include "stats/percentile.hpp"

namespace ttft::stats {

class ResampledPercentile {
 public:
  /// `sorted`: ascending, finite, non-empty (it must outlive this object); p in [0, 100].
  ResampledPercentile(std::span<const double> sorted, double p);

  /// Percentile p of n draws with replacement from `sorted` (n = its size): the same
  /// distribution as drawing such a resample and taking percentile_select of it.
  double draw(Rng& rng) const;

 private:
  std::size_t index_at(double uniform) const;

  std::span<const double> sorted_;
  Type7Position position_;
};

}  // namespace ttft::stats
