// Accuracy of graded answers (docs/metrics.md ("Accuracy")): per target and phase, the share of
// graded rows that were right with a 95% Wilson interval; per pair of targets, the difference with
// Newcombe's interval and a z-test. Pure: it reads the counts the metric groups kept.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "report/metric_groups.hpp"
#include "report/share_comparison.hpp"
#include "stats/bootstrap.hpp"

namespace ttft::report {

/// One target in one phase (or "all"): correct of graded rows, their share and its interval.
struct AccuracyRow {
  std::string target, phase;
  std::size_t correct = 0, graded = 0;
  std::size_t errors = 0;             // failed requests: never graded
  std::optional<double> accuracy;     // correct / graded; nullopt when nothing was graded
  std::optional<stats::Interval> ci;  // 95% Wilson score interval
};

/// Two targets' accuracy in one phase (or "all") compared: a before b in file order, the
/// difference a − b (comparison.text starts "<phase> accuracy: ").
struct AccuracyVerdict {
  std::string phase, target_a, target_b;
  std::optional<double> accuracy_a, accuracy_b;
  ShareComparison comparison;
};

struct Accuracy {
  std::vector<AccuracyRow> rows;  // target × (phases with graded rows..., "all")
  std::vector<AccuracyVerdict> verdicts;  // pair × (phases with graded rows..., "all" when more than one)
};

/// Accuracy over `groups` for `targets` and `phases` in that order; nullopt when no row is graded.
std::optional<Accuracy> build_accuracy(const std::vector<std::string>& targets, const std::vector<std::string>& phases,
                                       const MetricGroups& groups);

/// The row of `target` in `phase` (or "all"), or nullptr.
const AccuracyRow* find_accuracy(const Accuracy& accuracy, const std::string& target, const std::string& phase);

}  // namespace ttft::report
