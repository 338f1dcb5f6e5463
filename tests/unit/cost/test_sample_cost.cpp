// sample_cost: what samples.csv's cost_usd holds for one request.
#include <catch2/catch.hpp>

#include "cost/sample_cost.hpp"

using ttft::cost::Pricing;
using ttft::cost::sample_cost;

TEST_CASE("sample_cost: successful priced requests with token counts only") {
  Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{1'000'000, 2'000'000};  // $1 / $2 per Mtok
  CHECK(sample_cost(pricing, false, {100, 200}) == 500'000'000);      // 500 µUSD
  CHECK_FALSE(sample_cost(Pricing{}, false, {100, 200}));             // unknown is not free
  CHECK(sample_cost(pricing, false, {std::nullopt, 200}) == 400'000'000);
  CHECK_FALSE(sample_cost(pricing, false, {}));
  CHECK_FALSE(sample_cost(pricing, true, {100, 200}));
}

TEST_CASE("sample_cost: the cached and written parts of the prompt at their own prices") {
  Pricing pricing;
  // $1 input, $2 output, $0.10 cached, $1.25 written per Mtok.
  pricing.tokens = ttft::cost::TokenPrices{1'000'000, 2'000'000, 100'000, 1'250'000};
  // 1000 input of which 600 cached and 100 written: 300 × 1 + 600 × 0.1 + 100 × 1.25 + 50 × 2 = 585 µUSD.
  CHECK(sample_cost(pricing, false, {1000, 50, 600, 100}) == 585'000'000);
  CHECK(sample_cost(pricing, false, {1000, 50}) == 1'100'000'000);  // no cache figures: all at the input price
}
