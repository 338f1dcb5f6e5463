// Wilson and Newcombe score intervals and the pooled two-proportion z-test.
#include "stats/proportion.hpp"

#include <algorithm>
#include <cmath>

#include "core/check.hpp"

namespace ttft::stats {

std::optional<double> Proportion::value() const {
  TTFT_CHECK(k <= n, "a proportion's successes cannot exceed its trials");
  if (n == 0) return std::nullopt;
  return static_cast<double>(k) / static_cast<double>(n);
}

std::optional<Interval> wilson_interval(Proportion x) {
  const auto p = x.value();
  if (!p) return std::nullopt;
  const double n = static_cast<double>(x.n);
  const double z2 = kZ95 * kZ95;
  const double denominator = 1 + z2 / n;
  const double centre = (*p + z2 / (2 * n)) / denominator;
  const double half = kZ95 / denominator * std::sqrt(*p * (1 - *p) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the centre and half-width are equal in exact arithmetic; say so exactly.
  const double low = x.k == 0 ? 0.0 : std::max(0.0, centre - half);
  const double high = x.k == x.n ? 1.0 : std::min(1.0, centre + half);
  return Interval{low, high};
}

std::optional<double> two_proportion_p_value(Proportion a, Proportion b) {
  const auto pa = a.value();
  const auto pb = b.value();
  if (!pa || !pb) return std::nullopt;
  const double pooled = static_cast<double>(a.k + b.k) / static_cast<double>(a.n + b.n);
  const double variance =
      pooled * (1 - pooled) * (1 / static_cast<double>(a.n) + 1 / static_cast<double>(b.n));
  if (variance <= 0) return 1.0;  // every request of both sides alike: nothing tells them apart
  const double z = (*pa - *pb) / std::sqrt(variance);
  // 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2), which keeps its precision far into the tail.
  return std::min(1.0, std::erfc(std::abs(z) / std::sqrt(2.0)));
}

std::optional<Interval> newcombe_difference_interval(Proportion a, Proportion b) {
  const auto pa = a.value();
  const auto pb = b.value();
  if (!pa || !pb) return std::nullopt;
  const Interval wa = *wilson_interval(a);
  const Interval wb = *wilson_interval(b);
  const double d = *pa - *pb;
  return Interval{d - std::hypot(*pa - wa.low, wb.high - *pb), d + std::hypot(wa.high - *pa, *pb - wb.low)};
}

}  // namespace ttft::stats
