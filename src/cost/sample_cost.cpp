// Per-sample cost: the same request_cost the per-target totals use, so cost_usd in samples.csv
// sums to the report's run cost for the successful requests.
#include "cost/sample_cost.hpp"

#include "cost/request_cost.hpp"

namespace ttft::cost {

std::optional<Pusd> sample_cost(const Pricing& pricing, bool failed, const UsageTokens& tokens) {
  if (failed || pricing.empty()) return std::nullopt;
  if (!tokens.input && !tokens.output) return std::nullopt;
  return request_cost(pricing, {tokens.input.value_or(0), tokens.output.value_or(0), tokens.cached_input.value_or(0),
                                tokens.cache_write.value_or(0)});
}

}  // namespace ttft::cost
