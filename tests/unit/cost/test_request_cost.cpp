#include <catch2/catch.hpp>

#include "cost/request_cost.hpp"

using ttft::cost::effective_prices;
using ttft::cost::Pricing;
using ttft::cost::request_cost;

namespace {

// scenarios/edge-vs-central.json prices central (gpt-4o-mini) at $0.15 / $0.60 per million tokens.
Pricing central() {
  Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{150'000, 600'000};
  return pricing;
}

// scenarios/edge-vs-central.json prices edge (Workers AI) at 4119 / 34868 neurons per Mtok and $0.011 per 1k neurons.
Pricing edge() {
  Pricing pricing;
  pricing.neurons = ttft::cost::NeuronPrices{4119, 34868, 11'000, 10'000};
  return pricing;
}

}  // namespace

TEST_CASE("token pricing is exact integer pico-dollars") {
  // 1000 * 150000 + 500 * 600000 = 150,000,000 + 300,000,000 = 450,000,000 pusd = $0.00045.
  CHECK(request_cost(central(), 1000, 500) == 450'000'000);
  CHECK(request_cost(central(), 1, 0) == 150'000);
  CHECK(request_cost(central(), 0, 0) == 0);
}

TEST_CASE("neuron pricing converts neurons to dollars exactly") {
  // Neurons: (1000 * 4119 + 500 * 34868) / 1e6 = (4,119,000 + 17,434,000) / 1e6 = 21.553.
  // Cost: 21.553 * $0.011 / 1000 = $0.000237083 = 237,083,000 pusd.
  CHECK(request_cost(edge(), 1000, 500) == 237'083'000);
  // One input token: 4119 * 11000 / 1000 = 45,309 pusd exactly.
  CHECK(request_cost(edge(), 1, 0) == 45'309);
}

TEST_CASE("neuron pricing rounds half up to a whole pico-dollar") {
  Pricing pricing;
  pricing.neurons = ttft::cost::NeuronPrices{1, 1, 500, 0};
  CHECK(request_cost(pricing, 1, 0) == 1);  // 1 * 1 * 500 / 1000 = 0.5 → 1
  pricing.neurons->uusd_per_1k_neurons = 499;
  CHECK(request_cost(pricing, 1, 0) == 0);  // 0.499 → 0
  pricing.neurons->uusd_per_1k_neurons = 1'500;
  CHECK(request_cost(pricing, 1, 1) == 3);  // 2 * 1500 / 1000 = 3 exactly
}

TEST_CASE("per-request and gpu-hour pricing") {
  Pricing per_request;
  per_request.per_request_uusd = 1'000;  // $0.001
  CHECK(request_cost(per_request, 5000, 5000) == 1'000'000'000);

  Pricing gpu;
  gpu.gpu_hour = ttft::cost::GpuHourPrices{2'000'000, 1000};  // $2/h at 1000 tokens/s
  // 1500 tokens take 1.5 s: 2e12 pusd/h * 1.5 / 3600 = 833,333,333.33 → 833,333,333 pusd.
  CHECK(request_cost(gpu, 1000, 500) == 833'333'333);
  CHECK(request_cost(gpu, 0, 0) == 0);
}

TEST_CASE("several pricing kinds add up") {
  Pricing both = central();
  both.per_request_uusd = 1'000;
  both.neurons = edge().neurons;
  CHECK(request_cost(both, 1000, 500) == 450'000'000 + 1'000'000'000 + 237'083'000);
  CHECK(request_cost(Pricing{}, 1000, 500) == 0);
}

TEST_CASE("effective per-token prices of each kind") {
  const auto tokens = effective_prices(central());
  CHECK(*tokens.input_usd_per_mtok == Approx(0.15));
  CHECK(*tokens.output_usd_per_mtok == Approx(0.60));
  CHECK_FALSE(tokens.per_request_usd.has_value());

  // 4119 * 0.011 / 1000 = $0.045309 per M input; 34868 * 0.011 / 1000 = $0.383548 per M output.
  const auto neurons = effective_prices(edge());
  CHECK(*neurons.input_usd_per_mtok == Approx(0.045309));
  CHECK(*neurons.output_usd_per_mtok == Approx(0.383548));

  Pricing gpu;
  gpu.gpu_hour = ttft::cost::GpuHourPrices{2'000'000, 1000};
  // $2 / (1000 tokens/s * 3600 s) * 1e6 = $0.5556 per M tokens, input and output alike.
  const auto hourly = effective_prices(gpu);
  CHECK(*hourly.input_usd_per_mtok == Approx(0.5555556));
  CHECK(*hourly.output_usd_per_mtok == Approx(0.5555556));

  Pricing per_request;
  per_request.per_request_uusd = 1'000;
  const auto fee = effective_prices(per_request);
  CHECK_FALSE(fee.input_usd_per_mtok.has_value());
  CHECK(*fee.per_request_usd == Approx(0.001));

  const auto none = effective_prices(Pricing{});
  CHECK_FALSE(none.input_usd_per_mtok.has_value());
  CHECK_FALSE(none.output_usd_per_mtok.has_value());
  CHECK_FALSE(none.per_request_usd.has_value());
}

TEST_CASE("prompt-cache parts are priced apart: uncached, cached, written and output") {
  using ttft::cost::TokenCount;
  // Anthropic Haiku-class: $1 input, $0.10 cache read, $1.25 cache write, $5 output per Mtok.
  Pricing haiku;
  haiku.tokens = ttft::cost::TokenPrices{1'000'000, 5'000'000, 100'000, 1'250'000};
  // 5000 prompt tokens: 4000 cached, 300 written, 700 uncached; 200 output.
  // 700 * 1e6 + 4000 * 1e5 + 300 * 1.25e6 + 200 * 5e6
  //   = 700,000,000 + 400,000,000 + 375,000,000 + 1,000,000,000 = 2,475,000,000 pusd.
  CHECK(request_cost(haiku, TokenCount{5000, 200, 4000, 300}) == 2'475'000'000);
  // Without cache parts it is the plain formula: 5000 * 1e6 + 200 * 5e6.
  CHECK(request_cost(haiku, TokenCount{5000, 200}) == 6'000'000'000);
  CHECK(request_cost(haiku, 5000, 200) == 6'000'000'000);

  // gpt-4o-mini with no cache prices given: cached and written tokens cost the input price.
  CHECK(request_cost(central(), TokenCount{1000, 500, 800, 100}) == request_cost(central(), 1000, 500));
  Pricing cached_only = central();
  cached_only.tokens->cached_input_uusd_per_mtok = 75'000;
  // 200 * 150,000 + 800 * 75,000 + 500 * 600,000 = 30,000,000 + 60,000,000 + 300,000,000.
  CHECK(request_cost(cached_only, TokenCount{1000, 500, 800, 0}) == 390'000'000);

  // Parts beyond the prompt are cut to it: all 1000 cached, nothing left to write or pay in full.
  CHECK(request_cost(haiku, TokenCount{1000, 0, 1500, 200}) == 100'000'000);
  CHECK(request_cost(haiku, TokenCount{1000, 0, 900, 500}) == 90'000'000 + 100 * 1'250'000);

  // Other kinds price the whole prompt as input.
  CHECK(request_cost(edge(), TokenCount{1000, 500, 1000, 0}) == request_cost(edge(), 1000, 500));
}
