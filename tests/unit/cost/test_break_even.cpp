#include <catch2/catch.hpp>

#include <string>

#include "cost/break_even.hpp"

using ttft::cost::break_even;
using ttft::cost::BreakEvenKind;
using ttft::cost::Pricing;

namespace {

Pricing tokens(ttft::cost::Uusd input_uusd_per_mtok, ttft::cost::Uusd output_uusd_per_mtok) {
  Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{input_uusd_per_mtok, output_uusd_per_mtok};
  return pricing;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("edge is cheaper than central at every input:output ratio") {
  // Edge (neurons): $0.045309 in, $0.383548 out per M; central: $0.15 in, $0.60 out per M.
  // r = (out_central - out_edge) / (in_edge - in_central) = 0.216452 / -0.104691 = -2.0675:
  // no positive crossing, and edge is cheaper on both prices.
  Pricing edge;
  edge.neurons = ttft::cost::NeuronPrices{4119, 34868, 11'000, 10'000};
  const Pricing central = tokens(150'000, 600'000);
  const auto result = break_even(edge, central, 256, "edge", "central");
  CHECK_FALSE(result.input_per_output.has_value());
  CHECK(result.kind == BreakEvenKind::a_cheaper);
  CHECK(result.note == "edge is cheaper at every ratio");
  const auto reversed = break_even(central, edge, 256, "central", "edge");
  CHECK(reversed.kind == BreakEvenKind::b_cheaper);
  CHECK(reversed.note == "edge is cheaper at every ratio");
}

TEST_CASE("break-even ratio between token pricings that cross") {
  // A: $1 in, $2 out; B: $0.50 in, $4 out. r = (4 - 2) / (1 - 0.5) = 4: at 4 input tokens per
  // output token both cost $6 per M output tokens. At r = 0 A costs 2, B 4: A is cheaper below.
  const auto result = break_even(tokens(1'000'000, 2'000'000), tokens(500'000, 4'000'000));
  REQUIRE(result.input_per_output.has_value());
  CHECK(*result.input_per_output == Approx(4.0));
  CHECK(result.kind == BreakEvenKind::crosses);
  CHECK(result.note ==
        "equal cost at 4 input tokens per output token; A is cheaper below, B above");

  // Central ($0.15 / $0.60) against B ($0.30 / $0.40): r = (0.40 - 0.60) / (0.15 - 0.30) = 4/3;
  // at r = 0 central costs 0.60 and B 0.40, so B is cheaper below and central above.
  const auto central = break_even(tokens(150'000, 600'000), tokens(300'000, 400'000), 256,
                                  "central", "other");
  CHECK(*central.input_per_output == Approx(4.0 / 3.0));
  CHECK(contains(central.note, "other is cheaper below, central above"));
}

TEST_CASE("per-request fees are spread over a reference output length") {
  // A: $1 in, $2 out and $0.0001 per request; B: $0.50 in, $4 out. At k = 256 output tokens
  // the fee adds 0.0001 / 256 * 1e6 = $0.390625 per M output tokens to A, so
  // r = (4 - 2 - 0.390625) / (1 - 0.5) = 3.21875. Check: 824 input + 256 output tokens cost
  // A 0.0001 + 0.000824 + 0.000512 = $0.001436 and B 0.000412 + 0.001024 = $0.001436.
  Pricing a = tokens(1'000'000, 2'000'000);
  a.per_request_uusd = 100;
  const auto result = break_even(a, tokens(500'000, 4'000'000), 256);
  CHECK(*result.input_per_output == Approx(3.21875));
  CHECK(contains(result.note, "256 output tokens per request"));
}

TEST_CASE("equal per-token slopes decide by the constant part") {
  const auto same = break_even(tokens(150'000, 600'000), tokens(150'000, 600'000));
  CHECK(same.kind == BreakEvenKind::same_price);
  CHECK(same.note == "same price at every ratio");
  CHECK_FALSE(same.input_per_output.has_value());

  const auto cheaper_output = break_even(tokens(150'000, 500'000), tokens(150'000, 600'000));
  CHECK(cheaper_output.kind == BreakEvenKind::a_cheaper);
  CHECK(cheaper_output.note == "A is cheaper at every ratio");

  // Equal output prices, different input prices: equal only at r = 0, B cheaper at every r > 0.
  const auto input_only = break_even(tokens(200'000, 600'000), tokens(150'000, 600'000));
  CHECK(input_only.kind == BreakEvenKind::b_cheaper);
}

TEST_CASE("break-even needs both pricings") {
  const auto result = break_even(tokens(1, 1), Pricing{}, 256, "edge", "central");
  CHECK(result.kind == BreakEvenKind::unpriced);
  CHECK(result.note == "central has no pricing");
}
