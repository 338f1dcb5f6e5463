// A target's cost figures for the report (docs/metrics.md ("Cost model")): list prices, blended price at
// the run's input/output mix, cost per 1,000 requests and the run's actual cost. Pure arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "cost/pricing.hpp"
#include "cost/request_cost.hpp"

namespace ttft::cost {

struct TargetCost {
  EffectivePrices prices;
  std::optional<double> blended_usd_per_mtok;  // run cost / (input + output tokens) * 1e6
  std::optional<double> usd_per_1k_requests;   // run cost / requests * 1000
  Pusd run_cost_pusd = 0;                      // sum of request_cost over the requests
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t requests = 0;
};

/// Cost figures of one target over its successful requests (failed requests are not billed
/// here and must not be passed in). The blended price and the cost per 1,000 requests are
/// all-in (per-request fees included) and nullopt when the pricing is empty (unknown is not
/// free) or when there are no tokens, respectively no requests, to divide by.
TargetCost summarize_cost(const Pricing& pricing, std::span<const TokenCount> requests);

}  // namespace ttft::cost
