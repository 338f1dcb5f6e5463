// The result of an A/B comparison of one percentile, as the report model holds it. Types only:
// report_model.hpp and verdict.hpp both include this, neither includes the other.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "stats/bootstrap.hpp"

namespace ttft::report {

/// An A/B comparison of one percentile of one metric in one phase.
struct Verdict {
  std::string phase, metric, stat;  // stat: "p50" or "p95"
  std::string target_a, target_b;   // a before b in file order
  std::optional<double> diff;       // percentile(a) - percentile(b), in the metric's unit
  std::optional<stats::Interval> ci;
  std::optional<double> p_value;  // Mann-Whitney U, two-sided
  std::size_t n_a = 0, n_b = 0;
  bool significant = false;  // CI excludes 0 and p < 0.05
  // Each target's failed requests in the phase: errors / every request (nullopt without requests),
  // the two-proportion z-test of the two rates, and whether a significant verdict's faster target
  // also fails significantly more often (p < 0.05): failures must not flatter a target.
  std::optional<double> error_rate_a, error_rate_b;
  std::optional<double> error_p_value;
  bool faster_fails_more_often = false;
  // "warm p50: edge faster by 60 ms (95% CI 41–77 ms, p < 0.001)", then when either target failed
  // " (errors: edge 20.0%, central 0.0%)" and, when flagged, "; but edge fails more often: 20.0% vs
  // 0.0%, p < 0.001".
  std::string text;
};

}  // namespace ttft::report
