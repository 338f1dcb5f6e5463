// Percentile bootstrap (Efron & Tibshirani 1993, ch. 13) with our own seeded RNG (core/random.hpp), so
// the same seed gives the same interval with any standard library. Small samples are resampled
// value by value; large ones through ResampledPercentile (see kMaxResampledValues).
#include "stats/bootstrap.hpp"

#include <algorithm>
#include <vector>

#include "core/check.hpp"
#include "core/random.hpp"
#include "stats/order_statistic_sampler.hpp"
#include "stats/percentile.hpp"
#include "stats/sort_values.hpp"

namespace ttft::stats {
namespace {

void check_arguments(double confidence, int resamples) {
  TTFT_CHECK(confidence > 0 && confidence < 1, "bootstrap confidence must be in (0, 1)");
  TTFT_CHECK(resamples > 0, "bootstrap needs at least one resample");
}

// One replicate: n draws with replacement from values into scratch, then their percentile.
double replicate(std::span<const double> values, double p, Rng& rng, std::vector<double>& scratch) {
  scratch.resize(values.size());
  for (double& slot : scratch) slot = values[rng.below(values.size())];
  return *percentile_select(scratch, p);
}

// The central `confidence` interval of the replicate statistics, by type-7 percentiles.
Interval central_interval(std::vector<double>& statistics, double confidence) {
  const double tail_percent = (1 - confidence) / 2 * 100;
  const double low = *percentile_select(statistics, tail_percent);
  const double high = *percentile_select(statistics, 100 - tail_percent);
  return {low, high};
}

std::vector<double> sorted_copy(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  sort_values(sorted);
  return sorted;
}

}  // namespace

std::optional<Interval> bootstrap_ci(std::span<const double> values, double p, std::uint64_t seed,
                                     double confidence, int resamples) {
  if (values.size() <= kMaxResampledValues) {
    return bootstrap_ci(values, values, p, seed, confidence, resamples);  // `sorted` unused
  }
  const std::vector<double> sorted = sorted_copy(values);
  return bootstrap_ci(values, sorted, p, seed, confidence, resamples);
}

std::optional<Interval> bootstrap_ci(std::span<const double> values, std::span<const double> sorted,
                                     double p, std::uint64_t seed, double confidence,
                                     int resamples) {
  check_arguments(confidence, resamples);
  TTFT_CHECK(values.size() == sorted.size(), "bootstrap_ci: values and sorted differ in size");
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) return Interval{values[0], values[0]};
  Rng rng(seed);
  std::vector<double> statistics;
  statistics.reserve(static_cast<std::size_t>(resamples));
  if (values.size() <= kMaxResampledValues) {
    std::vector<double> scratch;
    for (int i = 0; i < resamples; ++i) statistics.push_back(replicate(values, p, rng, scratch));
  } else {
    const ResampledPercentile resampled(sorted, p);
    for (int i = 0; i < resamples; ++i) statistics.push_back(resampled.draw(rng));
  }
  return central_interval(statistics, confidence);
}

std::optional<DiffResult> bootstrap_diff(std::span<const double> a, std::span<const double> b,
                                         double p, std::uint64_t seed, double confidence,
                                         int resamples) {
  if (std::max(a.size(), b.size()) <= kMaxResampledValues) {
    return bootstrap_diff(SortedPair{a, b, a, b}, p, seed, confidence, resamples);  // unused
  }
  const std::vector<double> sorted_a = sorted_copy(a);
  const std::vector<double> sorted_b = sorted_copy(b);
  return bootstrap_diff(SortedPair{a, b, sorted_a, sorted_b}, p, seed, confidence, resamples);
}

std::optional<DiffResult> bootstrap_diff(const SortedPair& samples, double p, std::uint64_t seed,
                                         double confidence, int resamples) {
  check_arguments(confidence, resamples);
  const std::span<const double> a = samples.a;
  const std::span<const double> b = samples.b;
  TTFT_CHECK(a.size() == samples.sorted_a.size() && b.size() == samples.sorted_b.size(),
             "bootstrap_diff: values and sorted differ in size");
  if (a.empty() || b.empty()) return std::nullopt;
  const bool resample_values = std::max(a.size(), b.size()) <= kMaxResampledValues;
  std::vector<double> scratch;
  double diff = 0;
  if (resample_values) {  // `sorted` may be the values themselves here: select on copies
    scratch.assign(a.begin(), a.end());
    const double point_a = *percentile_select(scratch, p);
    scratch.assign(b.begin(), b.end());
    diff = point_a - *percentile_select(scratch, p);
  } else {  // the same order statistics, read off the sorted values
    diff = *percentile_sorted(samples.sorted_a, p) - *percentile_sorted(samples.sorted_b, p);
  }
  if (a.size() == 1 && b.size() == 1) return DiffResult{diff, Interval{diff, diff}};
  Rng rng(seed);
  std::vector<double> statistics;
  statistics.reserve(static_cast<std::size_t>(resamples));
  if (resample_values) {
    for (int i = 0; i < resamples; ++i) {
      // Draw a's resample, then b's, from the one stream: the order is part of the seed contract.
      const double resampled_a = replicate(a, p, rng, scratch);
      statistics.push_back(resampled_a - replicate(b, p, rng, scratch));
    }
  } else {
    const ResampledPercentile resampled_a(samples.sorted_a, p);
    const ResampledPercentile resampled_b(samples.sorted_b, p);
    for (int i = 0; i < resamples; ++i) {
      const double draw_a = resampled_a.draw(rng);  // a first, then b, as above
      statistics.push_back(draw_a - resampled_b.draw(rng));
    }
  }
  return DiffResult{diff, central_interval(statistics, confidence)};
}

}  // namespace ttft::stats
