// Per-target cost figures: integer pico-dollar totals first, dollars only for the final ratios.
#include "cost/target_cost.hpp"

#include "cost/money.hpp"

namespace ttft::cost {
namespace {

constexpr double kRequestsPer1k = 1000;

}  // namespace

TargetCost summarize_cost(const Pricing& pricing, std::span<const TokenCount> requests) {
  TargetCost cost;
  cost.prices = effective_prices(pricing);
  for (const TokenCount& request : requests) {
    cost.run_cost_pusd += request_cost(pricing, request);
    cost.input_tokens += request.input_tokens;
    cost.output_tokens += request.output_tokens;
  }
  cost.requests = static_cast<std::int64_t>(requests.size());
  if (pricing.empty()) return cost;
  const double run_cost_usd = pusd_to_usd(cost.run_cost_pusd);
  const std::int64_t tokens = cost.input_tokens + cost.output_tokens;
  if (tokens > 0) {
    cost.blended_usd_per_mtok = run_cost_usd / static_cast<double>(tokens) * kTokensPerMtok;
  }
  if (cost.requests > 0) {
    cost.usd_per_1k_requests = run_cost_usd / static_cast<double>(cost.requests) * kRequestsPer1k;
  }
  return cost;
}

}  // namespace ttft::cost
