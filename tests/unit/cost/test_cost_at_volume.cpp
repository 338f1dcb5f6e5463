// The ratio table and break-even at a measured output length, volumes, and monthly bills with
// Workers AI's free neurons (docs/metrics.md ("Cost at a volume")). Every figure is worked out by hand below.
#include <catch2/catch.hpp>

#include <string>

#include "cost/monthly_cost.hpp"
#include "cost/ratio_table.hpp"

using namespace ttft::cost;

namespace {

Pricing per_token(Uusd input_uusd_per_mtok, Uusd output_uusd_per_mtok) {
  Pricing pricing;
  pricing.tokens = TokenPrices{input_uusd_per_mtok, output_uusd_per_mtok};
  return pricing;
}

}  // namespace

TEST_CASE("cost per request across ratios crosses where break_even says") {
  // A: $1 in, $2 out; B: $0.50 in, $4 out per Mtok; 100 output tokens per request.
  // In pico-dollars (µ$ per Mtok × tokens): 3:1 → 300 in: A = 3e8 + 2e8 = 5e8,
  // B = 1.5e8 + 4e8 = 5.5e8 (A cheaper); 10:1 → 1000 in: A = 1e9 + 2e8 = 1.2e9,
  // B = 5e8 + 4e8 = 9e8 (B cheaper); equal at r = (4 - 2) / (1 - 0.5) = 4.
  const RatioTable t = ratio_table(per_token(1'000'000, 2'000'000), per_token(500'000, 4'000'000), 100, "A", "B");
  REQUIRE(t.rows.size() == kTableRatios.size());
  CHECK(t.rows[0].input_tokens == 10);  // 1:10
  CHECK(t.rows[3].input_tokens == 300);
  CHECK(*t.rows[3].a_pusd == 500'000'000);
  CHECK(*t.rows[3].b_pusd == 550'000'000);
  CHECK(*t.rows[4].a_pusd == 1'200'000'000);
  CHECK(*t.rows[4].b_pusd == 900'000'000);
  REQUIRE(t.crossing.input_per_output.has_value());
  CHECK(*t.crossing.input_per_output == Approx(4.0));
  CHECK(t.crossing.kind == BreakEvenKind::crosses);
}

TEST_CASE("an unpriced side has no cost in the ratio table") {
  const RatioTable t = ratio_table(per_token(1'000'000, 2'000'000), Pricing{}, 64, "edge", "central");
  CHECK(t.rows[2].a_pusd.has_value());
  CHECK_FALSE(t.rows[2].b_pusd.has_value());
  CHECK(t.crossing.kind == BreakEvenKind::unpriced);
}

TEST_CASE("volumes per month, day and hour") {
  CHECK(parse_volume("10M/month")->requests_per_month == Approx(1e7));
  CHECK(parse_volume("300k/day")->requests_per_month == Approx(9e6));      // × 30 days
  CHECK(parse_volume("2.5k/hour")->requests_per_month == Approx(1.8e6));   // × 720 hours
  CHECK(parse_volume("500/day")->requests_per_month == Approx(15'000));
  for (const char* bad : {"10M", "ten/day", "10M/week", "-5/day", "0/day", "/day", "1e30/month"}) {
    INFO(bad);
    CHECK_FALSE(parse_volume(bad).has_value());
  }
}

TEST_CASE("monthly cost subtracts the daily free neurons, never below zero") {
  // 1 neuron per input token at $0.011 per 1,000 neurons: a 1,000-token request costs $0.011.
  Pricing neurons;
  neurons.neurons = NeuronPrices{1'000'000, 0, 11'000, 10'000};
  const BilledTraffic one_request{1, 1000, 0, 11'000'000'000};
  // 9M requests a month: $99,000; free: 10,000 neurons × 30 days = 300,000 neurons = $3.30.
  const MonthlyCost month = monthly_cost(neurons, one_request, 9e6);
  CHECK(month.gross_usd == Approx(99'000));
  CHECK(month.free_usd == Approx(3.3));
  CHECK(month.net_usd == Approx(99'000 - 3.3));
  // 150 requests: $1.65 of neurons, all inside the free allowance.
  const MonthlyCost small = monthly_cost(neurons, one_request, 150);
  CHECK(small.free_usd == Approx(1.65));
  CHECK(small.net_usd == Approx(0).margin(1e-12));
  // Token prices have no free allowance.
  // Two requests, 1,000 input and 1,000 output tokens in all: 1.5e8 + 6e8 = 7.5e8 pusd.
  const MonthlyCost tokens_only = monthly_cost(per_token(150'000, 600'000), {2, 1000, 1000, 750'000'000}, 1000);
  CHECK(tokens_only.free_usd == 0);
  CHECK(tokens_only.gross_usd == Approx(0.375));  // $0.000375 per request × 1,000
}
