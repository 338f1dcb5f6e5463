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
  std::string text;          // "warm p50: edge faster by 60 ms (95% CI 41–77 ms, p < 0.001)"
};

}  // namespace ttft::report
