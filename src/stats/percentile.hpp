// Percentiles by linear interpolation between order statistics (Hyndman & Fan type 7), and the
// sample sizes below which a percentile is flagged as unreliable. Pure math, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace ttft::stats {

// Hyndman, R. J. & Fan, Y. (1996), "Sample quantiles in statistical packages", The American
// Statistician 50(4), definition 7: with h = (n - 1) * p / 100, the percentile is
// x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]) on the 0-based sorted sample.
// It is numpy's default ("linear") and k6's; the interpolation uses numpy's two-sided lerp so
// results agree with numpy to the last bit or two.

/// Where percentile p falls among n >= 1 order statistics: h = (n - 1) * p / 100 split into the
/// 0-based index of its lower neighbour and the fraction of the way to the next one.
struct Type7Position {
  std::size_t low;
  double fraction;
};
Type7Position type7_position(std::size_t n, double p);

/// The type-7 value between neighbouring order statistics `lower` <= `upper` at `fraction` of
/// the way (numpy's two-sided lerp, so the result stays within [lower, upper]).
double type7_interpolate(double lower, double upper, double fraction);

/// True when `values` are finite and ascending: one pass, no early exit, so it vectorises (the
/// large samples of a report are checked a few times each).
bool is_sorted_finite(std::span<const double> values);

/// Type-7 percentile p in [0, 100] of an ascending finite sample; n = 0 → nullopt, n = 1 → x[0].
std::optional<double> percentile_sorted(std::span<const double> sorted, double p);

/// Type-7 percentile of an unordered finite sample; reorders `values` in place (O(n) selection).
std::optional<double> percentile_select(std::span<double> values, double p);

/// Type-7 percentile of an unordered finite sample (works on the copy it is given).
std::optional<double> percentile(std::vector<double> values, double p);

/// Where failed requests rank among successes in percentile_with_failures: above every success
/// (a latency, where a failure is slower than any answer) or below (a rate such as decode_tps).
enum class FailureRank { above, below };

/// Type-7 percentile p of N = n + `failures` requests, where the n successes are `sorted`
/// (ascending, finite) and each failure ranks beyond every success on the `rank` side. A failure
/// has no value, so the result is nullopt when the percentile's position draws on one (its rank
/// falls among the failures, or it interpolates towards one with a non-zero weight), and when
/// N = 0. With no failures it is percentile_sorted(sorted, p).
std::optional<double> percentile_with_failures(std::span<const double> sorted, std::size_t failures, double p,
                                               FailureRank rank = FailureRank::above);

/// Fewest samples for which percentile p (in [0, 100]) is reported without a small-n flag.
/// Rule: a tail percentile needs at least 100 / min(p, 100 - p) samples (p95 → 20, p99 → 100),
/// otherwise fewer than one sample is expected beyond it and the "percentile" is just the
/// sample's max (or min); p0 and p100 are the min and max themselves and need one sample.
/// Every other percentile, the median included, needs at least 5 (our choice, not a theorem).
std::size_t min_samples_for(double p);

/// True when n samples are too few for percentile p (see min_samples_for).
bool too_few_for(double p, std::size_t n);

}  // namespace ttft::stats
