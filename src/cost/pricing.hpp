// How a target is priced (docs/metrics.md ("Cost model")): one or more pricing kinds. Money is integer:
// prices in micro-dollars (uusd), costs in pico-dollars (pusd); dollars appear only in exporters.
#pragma once

#include <cstdint>
#include <optional>

namespace ttft::cost {

using Uusd = std::int64_t;  // micro-dollars (1e-6 USD)
using Pusd = std::int64_t;  // pico-dollars (1e-12 USD)

// Prices are per million tokens ("mtok").
inline constexpr double kTokensPerMtok = 1e6;

struct TokenPrices {       // list price per million tokens
  Uusd input_uusd_per_mtok = 0;
  Uusd output_uusd_per_mtok = 0;
  // Prompt-cache prices (docs/metrics.md ("Cost model")): input read from the cache, input written to it; unset
  // means the input price.
  std::optional<Uusd> cached_input_uusd_per_mtok = std::nullopt;
  std::optional<Uusd> cache_write_uusd_per_mtok = std::nullopt;
};

struct NeuronPrices {      // Workers AI: neurons per million tokens, dollars per 1,000 neurons
  std::int64_t input_neurons_per_mtok = 0;
  std::int64_t output_neurons_per_mtok = 0;
  Uusd uusd_per_1k_neurons = 0;
  std::int64_t free_neurons_per_day = 0;
};

struct GpuHourPrices {     // self-hosted baseline: an hourly price and an assumed throughput
  Uusd uusd_per_hour = 0;
  double tokens_per_s = 0;
};

struct Pricing {
  std::optional<TokenPrices> tokens;
  std::optional<NeuronPrices> neurons;
  std::optional<Uusd> per_request_uusd;
  std::optional<GpuHourPrices> gpu_hour;

  bool empty() const { return !tokens && !neurons && !per_request_uusd && !gpu_hour; }
};

}  // namespace ttft::cost
