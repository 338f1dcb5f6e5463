// Goodput rows from the groups' counts, and one sentence per compared pair, oriented so its
// difference reads as a positive number of percentage points, as the latency verdicts do.
#include "report/goodput.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/number_format.hpp"
#include "report/report_model.hpp"
#include "report/verdict.hpp"
#include "stats/proportion.hpp"

namespace ttft::report {
namespace {

constexpr double kPoints = 100;  // percentage points per unit of a fraction

stats::Proportion met_of(const MetricGroups& groups, const std::string& target, const std::string& phase) {
  const auto found = groups.groups.find(GroupKeyLess::View{target, phase});
  if (found == groups.groups.end()) return {};
  return {found->second.slo_met, found->second.requests};
}

GoodputRow make_row(const std::string& target, const std::string& phase, stats::Proportion met) {
  return {target, phase, met.k, met.n, met.value(), stats::wilson_interval(met)};
}

// The sentence after "<phase> goodput: ", with the figures filled into `v`.
std::string goodput_body(GoodputVerdict& v, stats::Proportion a, stats::Proportion b) {
  if (a.n == 0 || b.n == 0) return fmt::format("no requests from {}", a.n == 0 ? v.target_a : v.target_b);
  v.diff = *v.goodput_a - *v.goodput_b;
  v.ci = stats::newcombe_difference_interval(a, b);
  v.p_value = stats::two_proportion_p_value(a, b);
  v.significant = (v.ci->low > 0 || v.ci->high < 0) && *v.p_value < kSignificanceLevel;
  // Orient so the shown difference is (higher − lower) >= 0, its interval with it.
  const bool a_higher = *v.diff >= 0;
  const std::string& higher = a_higher ? v.target_a : v.target_b;
  const std::string& lower = a_higher ? v.target_b : v.target_a;
  const double rate_high = a_higher ? *v.goodput_a : *v.goodput_b;
  const double rate_low = a_higher ? *v.goodput_b : *v.goodput_a;
  const double shown = std::abs(*v.diff) * kPoints;
  const double low = (a_higher ? v.ci->low : -v.ci->high) * kPoints;
  const double high = (a_higher ? v.ci->high : -v.ci->low) * kPoints;
  const double scale = std::max({shown, std::abs(low), std::abs(high)});
  const std::string figures =
      fmt::format("{} points, 95% CI {}\u2013{} points, {}", format_prose(shown, scale), format_prose(low, scale),
                  format_prose(high, scale), format_p_value(*v.p_value));
  if (v.significant) {
    return fmt::format("{} meets the SLO more often ({} vs {}, difference {})", higher, format_percent(rate_high),
                       format_percent(rate_low), figures);
  }
  return fmt::format("no significant difference ({} {}, {} {}; {} \u2212 {} {})", higher, format_percent(rate_high),
                     lower, format_percent(rate_low), higher, lower, figures);
}

GoodputVerdict compare_goodput(const std::string& phase, const std::string& target_a, const std::string& target_b,
                               stats::Proportion a, stats::Proportion b) {
  GoodputVerdict v;
  v.phase = phase;
  v.target_a = target_a;
  v.target_b = target_b;
  v.goodput_a = a.value();
  v.goodput_b = b.value();
  v.text = fmt::format("{} goodput: {}", phase, goodput_body(v, a, b));
  return v;
}

}  // namespace

std::optional<Goodput> build_goodput(const metrics::SloSpec& slo, const std::vector<std::string>& targets,
                                     const std::vector<std::string>& phases, const MetricGroups& groups) {
  if (slo.empty()) return std::nullopt;
  std::vector<std::string> judged;  // phases with an SLO
  for (const std::string& phase : phases) {
    if (slo.for_phase(phase) != nullptr) judged.push_back(phase);
  }
  const bool every_phase = judged.size() == phases.size() && !phases.empty();
  Goodput out;
  for (const std::string& target : targets) {
    for (const std::string& phase : judged) out.rows.push_back(make_row(target, phase, met_of(groups, target, phase)));
    if (every_phase) out.rows.push_back(make_row(target, kAllPhases, met_of(groups, target, kAllPhases)));
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      for (const std::string& phase : judged) {
        out.verdicts.push_back(compare_goodput(phase, targets[i], targets[j], met_of(groups, targets[i], phase),
                                               met_of(groups, targets[j], phase)));
      }
    }
  }
  return out;
}

}  // namespace ttft::report
