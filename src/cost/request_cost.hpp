// What one request costs under a target's pricing, in integer pico-dollars, and the per-token
// list prices any pricing implies. Pure arithmetic, no I/O.
#pragma once

#include <cstdint>
#include <optional>

#include "cost/pricing.hpp"

namespace ttft::cost {

/// One request's token counts (non-negative). The cached and written parts are parts of the
/// prompt: input_tokens includes them.
struct TokenCount {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t cached_input_tokens = 0;  // of input_tokens: read from a prompt cache
  std::int64_t cache_write_tokens = 0;   // of input_tokens: written to a prompt cache
};

/// Cost of one request in pico-dollars: the sum over the pricing kinds present. Token prices:
/// uncached input × input price + cached × cached price + written × write price + output ×
/// output price (docs/metrics.md, "Cost model"), where the cached part is at most the prompt and
/// the written part at most what is left of it; the other kinds price the whole prompt as input.
/// Token and neuron prices are exact integer arithmetic (neurons round half up to a whole
/// pico-dollar); gpu_hour charges (input + output) / tokens_per_s seconds of the hourly price,
/// rounded. The neurons free tier is per account per day, so it is not subtracted here. An empty
/// pricing costs 0.
Pusd request_cost(const Pricing& pricing, const TokenCount& tokens);

/// request_cost with no prompt-cache parts: input_tokens all uncached.
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
