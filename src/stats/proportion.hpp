// Proportions (k of n requests): the Wilson score interval of one, and for two the pooled z-test
// and Newcombe's hybrid score interval of their difference. Pure math, no I/O; 95% throughout.
#pragma once

#include <cstddef>
#include <optional>

#include "stats/bootstrap.hpp"

namespace ttft::stats {

/// k successes out of n trials.
struct Proportion {
  std::size_t k = 0;
  std::size_t n = 0;

  /// k / n; nullopt when n = 0.
  std::optional<double> value() const;
};

/// The standard normal quantile of 0.975, for two-sided 95% intervals.
inline constexpr double kZ95 = 1.959963984540054;

/// Wilson's score interval (Wilson 1927) of k / n at 95%: with p = k/n and z = kZ95,
/// (p + z²/2n ± z sqrt(p(1 − p)/n + z²/4n²)) / (1 + z²/n), exactly 0 at k = 0 and 1 at k = n;
/// nullopt when n = 0. Unlike the Wald interval it stays inside [0, 1] and keeps its coverage
/// near 0 and 1, where an SLO's attainment usually sits.
std::optional<Interval> wilson_interval(Proportion x);

/// Two-sided p-value of the pooled two-proportion z-test of a against b: with the pooled
/// p = (k_a + k_b) / (n_a + n_b), z = (k_a/n_a − k_b/n_b) / sqrt(p(1 − p)(1/n_a + 1/n_b)) and
/// p-value = 2(1 − Φ(|z|)). 1 when the pooled proportion is 0 or 1 (both all the same);
/// nullopt when either n is 0.
std::optional<double> two_proportion_p_value(Proportion a, Proportion b);

/// Newcombe's hybrid score interval (Newcombe 1998, method 10) of k_a/n_a − k_b/n_b at 95%,
/// from each side's Wilson interval (l, u): d − sqrt((p_a − l_a)² + (u_b − p_b)²) to
/// d + sqrt((u_a − p_a)² + (p_b − l_b)²); nullopt when either n is 0.
std::optional<Interval> newcombe_difference_interval(Proportion a, Proportion b);

}  // namespace ttft::stats
