// Seeded percentile-bootstrap confidence intervals for a percentile and for the difference of a
// percentile between two samples (A/B). Deterministic for a given seed on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace ttft::stats {

struct Interval {
  double low = 0;
  double high = 0;
};

struct DiffResult {
  double diff = 0;              // percentile(a) - percentile(b), in the samples' unit
  std::optional<Interval> ci;   // bootstrap interval of that difference
};

constexpr double kDefaultConfidence = 0.95;
constexpr int kDefaultResamples = 2000;

/// Samples up to this size are resampled value by value (2,000 x n draws). Larger ones draw each
/// resample's percentile from its order statistics (ResampledPercentile): the same bootstrap
/// distribution in O(1) per resample, so a million rows take milliseconds instead of hours, but
/// other random numbers than value-by-value resampling would have used.
constexpr std::size_t kMaxResampledValues = 1000;

/// Percentile-bootstrap CI of the type-7 percentile p (in [0, 100]) of finite `values`: draws
/// `resamples` resamples with replacement and returns the type-7 percentiles (1 - confidence) / 2
/// and (1 + confidence) / 2 of their percentiles; n = 0 → nullopt, n = 1 → [v, v].
std::optional<Interval> bootstrap_ci(std::span<const double> values, double p, std::uint64_t seed,
                                     double confidence = kDefaultConfidence,
                                     int resamples = kDefaultResamples);

/// bootstrap_ci for a caller that also holds `sorted`, the same values in ascending order, and
/// so spares a large sample's sort; the result is the same as without it.
std::optional<Interval> bootstrap_ci(std::span<const double> values, std::span<const double> sorted,
                                     double p, std::uint64_t seed,
                                     double confidence = kDefaultConfidence,
                                     int resamples = kDefaultResamples);

/// percentile(a) - percentile(b) with a percentile-bootstrap CI that resamples a and b
/// independently (same interval rule as bootstrap_ci); nullopt when either sample is empty.
std::optional<DiffResult> bootstrap_diff(std::span<const double> a, std::span<const double> b,
                                         double p, std::uint64_t seed,
                                         double confidence = kDefaultConfidence,
                                         int resamples = kDefaultResamples);

/// Two samples in recorded order and the same values ascending (see the bootstrap_ci overload).
struct SortedPair {
  std::span<const double> a, b;
  std::span<const double> sorted_a, sorted_b;
};

/// bootstrap_diff for a caller that holds both samples sorted too; the same result.
std::optional<DiffResult> bootstrap_diff(const SortedPair& samples, double p, std::uint64_t seed,
                                         double confidence = kDefaultConfidence,
                                         int resamples = kDefaultResamples);

}  // namespace ttft::stats
