// Descriptive statistics of one sample (one metric of one target and phase): the figures of a
// summary.csv row (docs/results.md ("summary.csv")) other than the bootstrap intervals. Pure math, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace ttft::stats {

struct Summary {
  std::size_t n = 0;
  std::optional<double> mean;
  std::optional<double> stdev;  // sample standard deviation (divisor n - 1); nullopt for n < 2
  std::optional<double> min;
  std::optional<double> p50;    // percentiles are type 7 (see percentile.hpp)
  std::optional<double> p95;
  std::optional<double> p99;
  std::optional<double> max;
};

/// Count, mean, sample stdev, min, p50/p95/p99 and max of finite values; every figure is nullopt
/// for an empty sample (never NaN), and stdev also for n = 1.
Summary summarize(std::vector<double> values);

/// summarize for values already in ascending order (not sorted again); the same figures.
Summary summarize_sorted(std::span<const double> sorted);

}  // namespace ttft::stats
