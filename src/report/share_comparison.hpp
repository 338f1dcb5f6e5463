// Two targets' shares of their requests compared (goodput, accuracy): the difference with
// Newcombe's interval, the pooled z-test, and one sentence oriented so its difference reads as a
// positive number of percentage points, as the latency verdicts read. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stats/bootstrap.hpp"
#include "stats/proportion.hpp"

namespace ttft::report {

struct ShareComparison {
  std::optional<double> diff;          // share_a − share_b, a fraction
  std::optional<stats::Interval> ci;   // Newcombe's hybrid score interval (95%)
  std::optional<double> p_value;       // pooled two-proportion z-test, two-sided
  bool significant = false;            // CI excludes 0 and p < 0.05
  std::string text;  // "edge <more_often> (97.0% vs 80.0%, difference 17 points, ...)" or "no significant ..."
};

/// `a` (target `name_a`) against `b`; `more_often` is the higher side's phrase ("meets the SLO more
/// often") and `counted` names what n counts ("requests") in "no <counted> from <target>".
ShareComparison compare_shares(const std::string& name_a, const std::string& name_b, stats::Proportion a,
                               stats::Proportion b, std::string_view more_often, std::string_view counted);

}  // namespace ttft::report
