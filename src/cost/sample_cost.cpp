// Per-sample cost: the same request_cost the per-target totals use, so cost_usd in samples.csv
// sums to the report's run cost for the successful requests.
#include "cost/sample_cost.hpp"

#include "cost/request_cost.hpp"

namespace ttft::cost {

std::optional<Pusd> sample_cost(const Pricing& pricing, bool failed, std::optional<std::int64_t> input_tokens,
                                std::optional<std::int64_t> output_tokens) {
  if (failed || pricing.empty()) return std::nullopt;
  if (!input_tokens && !output_tokens) return std::nullopt;
  return request_cost(pricing, input_tokens.value_or(0), output_tokens.value_or(0));
}

}  // namespace ttft::cost
