// Per-request cost in pico-dollars and the effective per-token prices of each pricing kind.
// Units: uusd per Mtok × tokens = 1e-6 USD × tokens / 1e6 = pusd exactly.
#include "cost/request_cost.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/check.hpp"
#include "cost/money.hpp"

namespace ttft::cost {
namespace {

__extension__ typedef __int128 Wide;  // GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet

constexpr std::int64_t kNeuronsPer1k = 1000;
constexpr double kSecondsPerHour = 3600;

Pusd narrow(Wide pusd) {
  TTFT_CHECK(pusd >= 0 && pusd <= std::numeric_limits<Pusd>::max(), "request cost out of range");
  return static_cast<Pusd>(pusd);
}

// The prompt in its three prices' parts: cached, written, and the uncached rest. A provider's
// counts that do not add up (more cached than the whole prompt) are cut to the prompt.
Pusd token_cost(const TokenPrices& prices, const TokenCount& tokens) {
  const std::int64_t cached = std::min(tokens.cached_input_tokens, tokens.input_tokens);
  const std::int64_t written = std::min(tokens.cache_write_tokens, tokens.input_tokens - cached);
  const std::int64_t uncached = tokens.input_tokens - cached - written;
  const Uusd input = prices.input_uusd_per_mtok;
  return narrow(Wide{uncached} * input + Wide{cached} * prices.cached_input_uusd_per_mtok.value_or(input) +
                Wide{written} * prices.cache_write_uusd_per_mtok.value_or(input) +
                Wide{tokens.output_tokens} * prices.output_uusd_per_mtok);
}

// in × neurons/Mtok is neurons × 1e6; × uusd per 1k neurons / 1000 gives pusd (1e-12 USD).
Pusd neuron_cost(const NeuronPrices& prices, std::int64_t input_tokens,
                 std::int64_t output_tokens) {
  const Wide micro_neurons = Wide{input_tokens} * prices.input_neurons_per_mtok +
                             Wide{output_tokens} * prices.output_neurons_per_mtok;
  const Wide milli_pusd = micro_neurons * prices.uusd_per_1k_neurons;
  return narrow((milli_pusd + kNeuronsPer1k / 2) / kNeuronsPer1k);  // round half up
}

Pusd gpu_hour_cost(const GpuHourPrices& prices, std::int64_t input_tokens,
                   std::int64_t output_tokens) {
  TTFT_CHECK(prices.tokens_per_s > 0, "gpu_hour pricing needs a positive tokens_per_s");
  const double seconds = static_cast<double>(input_tokens + output_tokens) / prices.tokens_per_s;
  const double pusd = static_cast<double>(prices.uusd_per_hour) *
                      static_cast<double>(kPusdPerUusd) * seconds / kSecondsPerHour;
  TTFT_CHECK(pusd < 9e18, "request cost out of range");
  return static_cast<Pusd>(std::llround(pusd));
}

double uusd_to_usd(Uusd uusd) {
  return static_cast<double>(uusd) / static_cast<double>(kUusdPerUsd);
}

}  // namespace

Pusd request_cost(const Pricing& pricing, std::int64_t input_tokens, std::int64_t output_tokens) {
  return request_cost(pricing, TokenCount{input_tokens, output_tokens});
}

Pusd request_cost(const Pricing& pricing, const TokenCount& tokens) {
  const std::int64_t input_tokens = tokens.input_tokens;
  const std::int64_t output_tokens = tokens.output_tokens;
  TTFT_CHECK(input_tokens >= 0 && output_tokens >= 0 && tokens.cached_input_tokens >= 0 &&
                 tokens.cache_write_tokens >= 0,
             "token counts cannot be negative");
  Wide total = 0;
  if (pricing.tokens) total += token_cost(*pricing.tokens, tokens);
  if (pricing.neurons) total += neuron_cost(*pricing.neurons, input_tokens, output_tokens);
  if (pricing.per_request_uusd) total += Wide{*pricing.per_request_uusd} * kPusdPerUusd;
  if (pricing.gpu_hour) total += gpu_hour_cost(*pricing.gpu_hour, input_tokens, output_tokens);
  return narrow(total);
}

EffectivePrices effective_prices(const Pricing& pricing) {
  EffectivePrices prices;
  const auto add = [&prices](double input_usd_per_mtok, double output_usd_per_mtok) {
    prices.input_usd_per_mtok = prices.input_usd_per_mtok.value_or(0) + input_usd_per_mtok;
    prices.output_usd_per_mtok = prices.output_usd_per_mtok.value_or(0) + output_usd_per_mtok;
  };
  if (pricing.tokens) {
    add(uusd_to_usd(pricing.tokens->input_uusd_per_mtok),
        uusd_to_usd(pricing.tokens->output_uusd_per_mtok));
  }
  if (pricing.neurons) {
    // One rounding each: the integer product is exact, then a single division to dollars.
    const NeuronPrices& neurons = *pricing.neurons;
    const auto usd_per_mtok = [&neurons](std::int64_t neurons_per_mtok) {
      return static_cast<double>(neurons_per_mtok * neurons.uusd_per_1k_neurons) /
             (static_cast<double>(kUusdPerUsd) * kNeuronsPer1k);
    };
    add(usd_per_mtok(neurons.input_neurons_per_mtok),
        usd_per_mtok(neurons.output_neurons_per_mtok));
  }
  if (pricing.gpu_hour) {
    const GpuHourPrices& gpu = *pricing.gpu_hour;
    TTFT_CHECK(gpu.tokens_per_s > 0, "gpu_hour pricing needs a positive tokens_per_s");
    const double usd_per_mtok =
        uusd_to_usd(gpu.uusd_per_hour) / (gpu.tokens_per_s * kSecondsPerHour) * kTokensPerMtok;
    add(usd_per_mtok, usd_per_mtok);
  }
  if (pricing.per_request_uusd) prices.per_request_usd = uusd_to_usd(*pricing.per_request_uusd);
  return prices;
}

}  // namespace ttft::cost
