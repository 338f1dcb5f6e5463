// `compare` (docs/commands.md ("compare")): a baseline run against a candidate run, per target × phase × latency
// metric: each side's p50 and p95, their relative change with a bootstrap CI, a Mann-Whitney
// p-value, and whether the change is a regression. Pure; exporters/compare_exporter.hpp formats it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samples/sample.hpp"
#include "stats/bootstrap.hpp"

namespace ttft::report {

/// The metrics compared: latencies, where lower is better (names as in the report and --assert).
inline constexpr std::array<std::string_view, 4> kCompareMetrics = {"ttft", "first_token", "first_answer", "e2e"};

/// Compared only where either side measured it: folders written before samples.csv had its
/// column, and streams without an answer, would otherwise add a row of "no successful samples".
inline constexpr std::string_view kCompareIfMeasured = "first_answer";

inline constexpr double kDefaultMaxRegression = 0.10;

/// One percentile of one metric, baseline against candidate, in the metric's unit.
struct StatChange {
  std::string stat;  // "p50", "p95"
  std::optional<double> baseline, candidate;
  std::optional<double> change;              // (candidate - baseline) / baseline: 0.3 = 30% slower
  std::optional<stats::Interval> change_ci;  // 95% bootstrap CI of the difference / baseline
  bool small_n = false;      // either side has too few samples for this percentile
  bool significant = false;  // the CI excludes 0 and p < 0.05
  bool regression = false;   // significant, slower, and change > max_regression
  bool improvement = false;  // significant and faster
};

struct MetricChange {
  std::string target, phase, metric, unit;
  std::size_t n_baseline = 0, n_candidate = 0;  // successful samples where the metric was measured
  std::optional<double> p_value;                // Mann-Whitney U, two-sided
  StatChange p50, p95;
  std::string note;  // why there are no figures: "too few samples (n = 3)", ...
};

using TargetPhase = std::pair<std::string, std::string>;

struct Comparison {
  std::string baseline_label, candidate_label;  // e.g. the folders
  double max_regression = kDefaultMaxRegression;  // a fraction: 0.1 = 10%
  std::vector<MetricChange> rows;                 // target, then phase, then metric order
  std::vector<TargetPhase> only_in_baseline, only_in_candidate;  // rows on one side only
  std::vector<std::string> notes;                 // e.g. "different scenario files"

  bool any_regression() const;
};

struct CompareInput {
  std::string baseline_label, candidate_label;
  std::vector<samples::Sample> baseline, candidate;
  std::vector<std::string> targets, phases;  // display order; names found only in rows follow
  double max_regression = kDefaultMaxRegression;
};

/// Compares every target × phase that has rows on both sides, for each of kCompareMetrics
/// (kCompareIfMeasured only where measured), from the successful rows only. Each percentile's
/// difference, CI and p-value are compare_percentile's (candidate minus baseline; bootstrap
/// seeded from a fixed seed and the target, so the same folders always give the same output);
/// the CI of the change is that of the difference divided by the baseline's percentile. Fewer
/// than kMinVerdictSamples on a side gives no figures, only a note; a target × phase with rows
/// on one side only is listed, never a regression.
Comparison compare_runs(const CompareInput& input);

}  // namespace ttft::report
