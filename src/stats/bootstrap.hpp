// Seeded percentile-bootstrap confidence intervals for a percentile and for the difference of a
// percentile between two samples (A/B). Deterministic for a given seed on every platform.
#pragma once

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

/// Percentile-bootstrap CI of the type-7 percentile p (in [0, 100]) of finite `values`: draws
/// `resamples` resamples with replacement and returns the type-7 percentiles (1 - confidence) / 2
/// and (1 + confidence) / 2 of their percentiles; n = 0 → nullopt, n = 1 → [v, v].
std::optional<Interval> bootstrap_ci(std::span<const double> values, double p, std::uint64_t seed,
                                     double confidence = kDefaultConfidence,
                                     int resamples = kDefaultResamples);

/// percentile(a) - percentile(b) with a percentile-bootstrap CI that resamples a and b
/// independently (same interval rule as bootstrap_ci); nullopt when either sample is empty.
std::optional<DiffResult> bootstrap_diff(std::span<const double> a, std::span<const double> b,
                                         double p, std::uint64_t seed,
                                         double confidence = kDefaultConfidence,
                                         int resamples = kDefaultResamples);

}  // namespace ttft::stats
