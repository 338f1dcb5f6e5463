// Per-sample cost: the same request_cost the per-target totals use, so cost_usd in samples.csv
// sums to the report's run cost for the successful requests.
#include "report/sample_cost.hpp"

#include "cost/request_cost.hpp"

namespace ttft::report {

std::optional<cost::Pusd> sample_cost(const samples::Sample& sample, const cost::Pricing& pricing) {
  if (!sample.error.empty() || pricing.empty()) return std::nullopt;
  if (!sample.input_tokens && !sample.output_tokens) return std::nullopt;
  return cost::request_cost(pricing, {sample.input_tokens.value_or(0), sample.output_tokens.value_or(0),
                                      sample.cached_input_tokens.value_or(0), sample.cache_write_tokens.value_or(0)});
}

void fill_costs(std::vector<samples::Sample>& samples,
                const std::map<std::string, cost::Pricing>& pricing_by_target) {
  for (samples::Sample& sample : samples) {
    const auto found = pricing_by_target.find(sample.target);
    sample.cost_pusd =
        found == pricing_by_target.end() ? std::nullopt : sample_cost(sample, found->second);
  }
}

}  // namespace ttft::report
