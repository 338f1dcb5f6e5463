// sample_cost: what samples.csv's cost_usd holds for one request.
#include <catch2/catch.hpp>

#include "cost/sample_cost.hpp"

using ttft::cost::Pricing;
using ttft::cost::sample_cost;

TEST_CASE("sample_cost: successful priced requests with token counts only") {
  Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{1'000'000, 2'000'000};  // $1 / $2 per Mtok
  CHECK(sample_cost(pricing, false, 100, 200) == 500'000'000);      // 500 µUSD
  CHECK_FALSE(sample_cost(Pricing{}, false, 100, 200));             // unknown is not free
  CHECK(sample_cost(pricing, false, std::nullopt, 200) == 400'000'000);
  CHECK_FALSE(sample_cost(pricing, false, std::nullopt, std::nullopt));
  CHECK_FALSE(sample_cost(pricing, true, 100, 200));
}
