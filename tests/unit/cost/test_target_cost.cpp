#include <catch2/catch.hpp>

#include <vector>

#include "cost/target_cost.hpp"

using ttft::cost::Pricing;
using ttft::cost::summarize_cost;
using ttft::cost::TokenCount;

TEST_CASE("a target's run cost, blended price and cost per 1k requests") {
  Pricing central;
  central.tokens = ttft::cost::TokenPrices{150'000, 600'000};
  // Request 1: 1000 * 150000 + 500 * 600000 = 450,000,000 pusd.
  // Request 2: 3000 * 150000 + 100 * 600000 = 510,000,000 pusd. Run: 960,000,000 = $0.00096.
  const std::vector<TokenCount> requests{{1000, 500}, {3000, 100}};
  const auto cost = summarize_cost(central, requests);
  CHECK(cost.run_cost_pusd == 960'000'000);
  CHECK(cost.input_tokens == 4000);
  CHECK(cost.output_tokens == 600);
  CHECK(cost.requests == 2);
  // Blended: $0.00096 / 4600 tokens * 1e6 = (4000 * 0.15 + 600 * 0.60) / 4600 = $0.2086957.
  CHECK(*cost.blended_usd_per_mtok == Approx(0.2086957));
  // Per 1k requests: $0.00096 / 2 * 1000 = $0.48.
  CHECK(*cost.usd_per_1k_requests == Approx(0.48));
  CHECK(*cost.prices.input_usd_per_mtok == Approx(0.15));
}

TEST_CASE("per-request fees are part of the blended price") {
  Pricing fee_only;
  fee_only.per_request_uusd = 1'000;  // $0.001 per request
  const std::vector<TokenCount> requests{{600, 400}, {900, 100}};
  const auto cost = summarize_cost(fee_only, requests);
  CHECK(cost.run_cost_pusd == 2'000'000'000);
  // $0.002 over 2000 tokens = $1 per million tokens; $0.002 / 2 requests * 1000 = $1 per 1k.
  CHECK(*cost.blended_usd_per_mtok == Approx(1.0));
  CHECK(*cost.usd_per_1k_requests == Approx(1.0));
}

TEST_CASE("no requests or no pricing leave the ratios empty") {
  Pricing central;
  central.tokens = ttft::cost::TokenPrices{150'000, 600'000};
  const auto no_requests = summarize_cost(central, {});
  CHECK(no_requests.run_cost_pusd == 0);
  CHECK(no_requests.requests == 0);
  CHECK_FALSE(no_requests.blended_usd_per_mtok.has_value());
  CHECK_FALSE(no_requests.usd_per_1k_requests.has_value());

  const std::vector<TokenCount> empty_replies{{0, 0}};
  const auto no_tokens = summarize_cost(central, empty_replies);
  CHECK_FALSE(no_tokens.blended_usd_per_mtok.has_value());
  CHECK(*no_tokens.usd_per_1k_requests == 0);

  const std::vector<TokenCount> requests{{1000, 500}};
  const auto unpriced = summarize_cost(Pricing{}, requests);
  CHECK(unpriced.run_cost_pusd == 0);
  CHECK(unpriced.input_tokens == 1000);
  CHECK_FALSE(unpriced.blended_usd_per_mtok.has_value());
  CHECK_FALSE(unpriced.usd_per_1k_requests.has_value());
}

TEST_CASE("a target's run cost prices each request's cached and written parts apart") {
  Pricing anthropic;
  anthropic.tokens = ttft::cost::TokenPrices{1'000'000, 5'000'000, 100'000, 1'250'000};
  // Request 1: 100 uncached * 1e6 + 900 cached * 1e5 + 10 output * 5e6 = 240,000,000 pusd.
  // Request 2: 500 uncached * 1e6 + 500 written * 1.25e6 + 0 output = 1,125,000,000 pusd.
  const std::vector<TokenCount> requests{{1000, 10, 900, 0}, {1000, 0, 0, 500}};
  const auto cost = summarize_cost(anthropic, requests);
  CHECK(cost.run_cost_pusd == 1'365'000'000);
  CHECK(cost.input_tokens == 2000);  // whole prompts
}
