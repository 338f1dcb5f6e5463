// Percentile bootstrap (Efron & Tibshirani 1993, ch. 13) with our own seeded RNG (core/random.hpp), so
// the same seed gives the same interval with any standard library.
#include "stats/bootstrap.hpp"

#include <vector>

#include "core/check.hpp"
#include "core/random.hpp"
#include "stats/percentile.hpp"

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

}  // namespace

std::optional<Interval> bootstrap_ci(std::span<const double> values, double p, std::uint64_t seed,
                                     double confidence, int resamples) {
  check_arguments(confidence, resamples);
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) return Interval{values[0], values[0]};
  Rng rng(seed);
  std::vector<double> scratch;
  std::vector<double> statistics;
  statistics.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) statistics.push_back(replicate(values, p, rng, scratch));
  return central_interval(statistics, confidence);
}

std::optional<DiffResult> bootstrap_diff(std::span<const double> a, std::span<const double> b,
                                         double p, std::uint64_t seed, double confidence,
                                         int resamples) {
  check_arguments(confidence, resamples);
  if (a.empty() || b.empty()) return std::nullopt;
  std::vector<double> scratch(a.begin(), a.end());
  const double point_a = *percentile_select(scratch, p);
  scratch.assign(b.begin(), b.end());
  const double diff = point_a - *percentile_select(scratch, p);
  if (a.size() == 1 && b.size() == 1) return DiffResult{diff, Interval{diff, diff}};
  Rng rng(seed);
  std::vector<double> statistics;
  statistics.reserve(static_cast<std::size_t>(resamples));
  for (int i = 0; i < resamples; ++i) {
    // Draw a's resample, then b's, from the one stream: the order is part of the seed contract.
    const double resampled_a = replicate(a, p, rng, scratch);
    statistics.push_back(resampled_a - replicate(b, p, rng, scratch));
  }
  return DiffResult{diff, central_interval(statistics, confidence)};
}

}  // namespace ttft::stats
