// Goodput rows from the groups' counts, and one sentence per compared pair, oriented so its
// difference reads as a positive number of percentage points, as the latency verdicts do.
#include "report/goodput.hpp"

#include <fmt/format.h>

#include "report/report_model.hpp"
#include "report/share_comparison.hpp"
#include "stats/proportion.hpp"

namespace ttft::report {
namespace {

stats::Proportion met_of(const MetricGroups& groups, const std::string& target, const std::string& phase) {
  const MetricGroup* group = find_group(groups, target, phase);
  if (group == nullptr) return {};
  return {group->slo_met, group->requests};
}

GoodputRow make_row(const std::string& target, const std::string& phase, stats::Proportion met) {
  return {target, phase, met.k, met.n, met.value(), stats::wilson_interval(met)};
}

GoodputVerdict compare_goodput(const std::string& phase, const std::string& target_a, const std::string& target_b,
                               stats::Proportion a, stats::Proportion b) {
  GoodputVerdict v;
  v.phase = phase;
  v.target_a = target_a;
  v.target_b = target_b;
  v.goodput_a = a.value();
  v.goodput_b = b.value();
  ShareComparison shares = compare_shares(target_a, target_b, a, b, "meets the SLO more often", "requests");
  v.diff = shares.diff;
  v.ci = shares.ci;
  v.p_value = shares.p_value;
  v.significant = shares.significant;
  v.text = fmt::format("{} goodput: {}", phase, shares.text);
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
