// Descriptive statistics of one sample; the percentiles come from percentile.cpp.
#include "stats/summary.hpp"

#include <algorithm>
#include <cmath>

#include "stats/percentile.hpp"

namespace ttft::stats {

Summary summarize(std::vector<double> values) {
  Summary summary;
  summary.n = values.size();
  if (values.empty()) return summary;
  std::sort(values.begin(), values.end());
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
  summary.p50 = percentile_sorted(values, 50);
  summary.p95 = percentile_sorted(values, 95);
  summary.p99 = percentile_sorted(values, 99);
  return summary;
}

}  // namespace ttft::stats
