// Cost at scale from the report's per-target cost figures.
#include "report/cost_at_scale.hpp"

#include <algorithm>
#include <cmath>

namespace ttft::report {
namespace {

cost::Pricing pricing_or_empty(const std::map<std::string, cost::Pricing>& pricing, const std::string& target) {
  const auto found = pricing.find(target);
  return found == pricing.end() ? cost::Pricing{} : found->second;
}

}  // namespace

CostAtScale cost_at_scale(const std::vector<std::string>& targets, const std::map<std::string, cost::Pricing>& pricing,
                          const std::map<std::string, cost::TargetCost>& costs, const cost::Volume& volume) {
  CostAtScale out;
  out.volume = volume;
  std::int64_t requests = 0, output_tokens = 0;
  for (const auto& [target, figures] : costs) {
    requests += figures.requests;
    output_tokens += figures.output_tokens;
  }
  const double mean = requests > 0 ? static_cast<double>(output_tokens) / static_cast<double>(requests) : 1.0;
  out.output_tokens = std::max<std::int64_t>(1, std::llround(mean));
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      out.pairs.push_back(cost::ratio_table(pricing_or_empty(pricing, targets[i]), pricing_or_empty(pricing, targets[j]),
                                            out.output_tokens, targets[i], targets[j]));
    }
  }
  for (const std::string& target : targets) {
    const cost::Pricing priced = pricing_or_empty(pricing, target);
    const auto found = costs.find(target);
    if (priced.empty() || found == costs.end() || found->second.requests == 0) continue;
    const cost::TargetCost& c = found->second;
    const cost::BilledTraffic traffic{c.requests, c.input_tokens, c.output_tokens, c.run_cost_pusd};
    out.monthly.push_back({target, cost::monthly_cost(priced, traffic, volume.requests_per_month)});
  }
  return out;
}

}  // namespace ttft::report
