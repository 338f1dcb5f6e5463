// Descriptive statistics of one sample; the percentiles come from percentile.cpp.
#include "stats/summary.hpp"

#include <algorithm>
#include <cmath>

#include "core/check.hpp"
#include "stats/percentile.hpp"
#include "stats/sort_values.hpp"

namespace ttft::stats {

Summary summarize(std::vector<double> values) {
  sort_values(values);
  return summarize_sorted(values);
}

Summary summarize_sorted(std::span<const double> values) {
  Summary summary;
  summary.n = values.size();
  if (values.empty()) return summary;
  // Summing in ascending order, as before this overload existed, keeps the mean bit for bit.
  const auto n = static_cast<double>(values.size());
  double sum = 0;
  for (const double v : values) sum += v;
  const double mean = sum / n;
  summary.mean = mean;
  if (values.size() >= 2) {
    // Two passes (mean first, then squared deviations) avoid the cancellation of sum-of-squares.
    double squares = 0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    summary.stdev = std::sqrt(squares / (n - 1));
  }
  summary.min = values.front();
  summary.max = values.back();
  // Checked once here rather than by percentile_sorted three times: a million values each.
  TTFT_CHECK(is_sorted_finite(values), "summarize_sorted needs ascending finite values");
  const auto percentile_of = [&](double p) {
    const auto [low, fraction] = type7_position(values.size(), p);
    return low + 1 >= values.size() ? values[low] : type7_interpolate(values[low], values[low + 1], fraction);
  };
  summary.p50 = percentile_of(50);
  summary.p95 = percentile_of(95);
  summary.p99 = percentile_of(99);
  return summary;
}

}  // namespace ttft::stats
