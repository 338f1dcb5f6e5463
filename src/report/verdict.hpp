// A/B verdicts: the difference of a percentile between two targets with its bootstrap CI, a
// Mann-Whitney p-value, and one sentence saying what it means. Pure; no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "report/verdict_types.hpp"
#include "stats/proportion.hpp"

namespace ttft::report {

inline constexpr std::size_t kMinVerdictSamples = 5;
inline constexpr double kSignificanceLevel = 0.05;

struct VerdictInput {
  std::string phase, metric, unit;
  std::string target_a, target_b;
  std::span<const double> a, b;  // successful samples' values in `unit`
  std::uint64_t run_seed = 0;
  // a and b in ascending order, when the caller already sorted them (large samples are sorted
  // otherwise); empty = not given. The verdict is the same either way.
  std::span<const double> sorted_a, sorted_b;
  stats::Proportion failed_a, failed_b;  // failed requests of every request, per target in the phase
};

/// Compares percentile `p` (50 or 95) of a latency metric (lower is faster) between a and b:
/// diff = p(a) - p(b) with a seeded bootstrap CI (group_seed of "diff", both targets, phase,
/// metric, stat) and a two-sided Mann-Whitney p (exact when the smaller sample has at most 8
/// values and there are no ties, as scipy's method="auto"; else the normal approximation); the
/// p-value tests location, so it is the same for p50 and p95. Fewer than 5 samples on either side
/// gives no figures and the text "too few samples (n = <smaller n>)". Significant = CI excludes 0
/// and p < 0.05. Either way, when either target failed, the text ends with both error rates, and
/// a significant verdict whose faster target fails more often (two-proportion z-test, p < 0.05)
/// says so in the same line.
Verdict compare_percentile(const VerdictInput& input, double p);

}  // namespace ttft::report
