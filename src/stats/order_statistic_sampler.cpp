// Why this is exact: a resample is n draws sorted[floor(n U_i)] with U_i uniform on [0, 1), and
// floor(n u) is monotone, so its j-th order statistic is sorted[floor(n U_(j))]. The uniform
// order statistics are ratios of sums of unit exponentials (Devroye 1986, "Non-Uniform Random
// Variate Generation", ch. V.2): U_(k) = S_k / S_(n+1), with S_j the sum of the first j. So
// U_(k) and U_(k+1) need only S_k ~ Gamma(k), one exponential and the Gamma(n - k) rest.
#include "stats/order_statistic_sampler.hpp"

#include <algorithm>
#include <cmath>

#include "core/check.hpp"
#include "stats/random_variates.hpp"

namespace ttft::stats {

ResampledPercentile::ResampledPercentile(std::span<const double> sorted, double p)
    : sorted_(sorted), position_{} {
  TTFT_CHECK(p >= 0 && p <= 100, "percentile p must be in [0, 100]");
  TTFT_CHECK(!sorted.empty(), "a resampled percentile needs at least one value");
  TTFT_CHECK(is_sorted_finite(sorted), "ResampledPercentile needs ascending finite values");
  position_ = type7_position(sorted.size(), p);
}

std::size_t ResampledPercentile::index_at(double uniform) const {
  const auto index = static_cast<std::size_t>(uniform * static_cast<double>(sorted_.size()));
  return std::min(index, sorted_.size() - 1);  // rounding could reach n when uniform ~ 1
}

double ResampledPercentile::draw(Rng& rng) const {
  const std::size_t n = sorted_.size();
  const std::size_t k = position_.low + 1;  // 1-based rank of the lower order statistic
  const double below = gamma_variate(rng, static_cast<double>(k));  // S_k
  const double gap = exponential_variate(rng);                      // S_(k+1) - S_k
  const double above = k < n ? gamma_variate(rng, static_cast<double>(n - k)) : 0;
  const double total = below + gap + above;                         // S_(n+1)
  const double lower = sorted_[index_at(below / total)];
  if (k >= n) return lower;
  const double upper = sorted_[index_at((below + gap) / total)];
  return type7_interpolate(lower, upper, position_.fraction);
}

}  // namespace ttft::stats
