// Goodput, or SLO attainment (docs/metrics.md, "Goodput"): per target and phase, the share of all
// requests that met the phase's SLO (failures count as misses) with a 95% Wilson interval; per
// pair of targets, the difference with Newcombe's interval and a z-test. Pure: it reads the
// counts the metric groups kept while the rows passed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "metrics/slo.hpp"
#include "report/metric_groups.hpp"
#include "stats/bootstrap.hpp"

namespace ttft::report {

/// One target in one phase (or "all"): met of requests, and their share with its interval.
struct GoodputRow {
  std::string target, phase;
  std::size_t met = 0, requests = 0;
  std::optional<double> goodput;      // met / requests; nullopt without requests
  std::optional<stats::Interval> ci;  // 95% Wilson score interval
};

/// Two targets' goodput in one phase compared (a before b in file order).
struct GoodputVerdict {
  std::string phase, target_a, target_b;
  std::optional<double> goodput_a, goodput_b;
  std::optional<double> diff;          // goodput_a − goodput_b, a fraction
  std::optional<stats::Interval> ci;   // Newcombe's hybrid score interval (95%)
  std::optional<double> p_value;       // pooled two-proportion z-test, two-sided
  bool significant = false;            // CI excludes 0 and p < 0.05
  std::string text;  // "warm goodput: edge meets the SLO more often (97.0% vs 80.0%, difference 17 points, ...)"
};

struct Goodput {
  std::vector<GoodputRow> rows;  // target × (phases with an SLO..., "all" when every phase has one)
  std::vector<GoodputVerdict> verdicts;  // pair × phase with an SLO
};

/// Goodput over `groups` (their slo_met and requests) for `targets` and `phases` in that order;
/// nullopt when `slo` is empty. Phases without an SLO get no row; "all" gets one only when every
/// phase has an SLO (each request judged by its own phase's).
std::optional<Goodput> build_goodput(const metrics::SloSpec& slo, const std::vector<std::string>& targets,
                                     const std::vector<std::string>& phases, const MetricGroups& groups);

}  // namespace ttft::report
