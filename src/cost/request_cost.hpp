// What one request costs under a target's pricing, in integer pico-dollars, and the per-token
// list prices any pricing implies. Pure arithmetic, no I/O.
#pragma once

#include <cstdint>
#include <optional>

#include "cost/pricing.hpp"

namespace ttft::cost {

/// Cost of one request with the given (non-negative) token counts, in pico-dollars: the sum over
/// the pricing kinds present. Token and neuron prices are exact integer arithmetic (neurons round
/// half up to a whole pico-dollar); gpu_hour charges (input + output) / tokens_per_s seconds of
/// the hourly price, rounded. The neurons free tier is per account per day, so it is not
/// subtracted here. An empty pricing costs 0.
Pusd request_cost(const Pricing& pricing, std::int64_t input_tokens, std::int64_t output_tokens);

struct EffectivePrices {
  std::optional<double> input_usd_per_mtok;   // set when any per-token kind is present
  std::optional<double> output_usd_per_mtok;
  std::optional<double> per_request_usd;      // set when per_request_usd is present
};

/// The list prices a pricing implies, summed over its kinds, in USD: tokens as given; neurons
/// as neurons_per_mtok * usd_per_1k_neurons / 1000; gpu_hour as usd_per_hour /
/// (tokens_per_s * 3600) * 1e6 for input and output alike.
EffectivePrices effective_prices(const Pricing& pricing);

}  // namespace ttft::cost
