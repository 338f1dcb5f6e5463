// Break-even input:output ratio between two pricings, from their effective per-token prices.
#include "cost/break_even.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/check.hpp"
#include "cost/request_cost.hpp"

namespace ttft::cost {
namespace {

// Prices come from decimal strings via doubles, so "equal" allows for a few ulps of rounding.
constexpr double kRelativeTolerance = 1e-9;

struct LinearCost {  // USD per million output tokens at ratio r: constant + r * slope
  double constant = 0;
  double slope = 0;
};

LinearCost linear_cost(const EffectivePrices& prices, double reference_output_tokens) {
  const double fee_usd_per_mtok =
      prices.per_request_usd.value_or(0) / reference_output_tokens * kTokensPerMtok;
  return {fee_usd_per_mtok + prices.output_usd_per_mtok.value_or(0),
          prices.input_usd_per_mtok.value_or(0)};
}

bool near_zero(double value, double scale) {
  return std::abs(value) <= kRelativeTolerance * scale;
}

BreakEven one_side_cheaper(bool a_cheaper, std::string_view name_a, std::string_view name_b) {
  const std::string_view cheaper = a_cheaper ? name_a : name_b;
  return {std::nullopt, fmt::format("{} is cheaper at every ratio", cheaper),
          a_cheaper ? BreakEvenKind::a_cheaper : BreakEvenKind::b_cheaper};
}

}  // namespace

BreakEven break_even(const Pricing& a, const Pricing& b, double reference_output_tokens,
                     std::string_view name_a, std::string_view name_b) {
  TTFT_CHECK(reference_output_tokens > 0, "break_even needs a positive reference output length");
  if (a.empty() || b.empty()) {
    return {std::nullopt, fmt::format("{} has no pricing", a.empty() ? name_a : name_b),
            BreakEvenKind::unpriced};
  }
  const EffectivePrices prices_a = effective_prices(a);
  const EffectivePrices prices_b = effective_prices(b);
  const LinearCost cost_a = linear_cost(prices_a, reference_output_tokens);
  const LinearCost cost_b = linear_cost(prices_b, reference_output_tokens);
  // cost_a - cost_b = (constant_a - constant_b) + r * (slope_a - slope_b), zero at r = root.
  const double constant_diff = cost_a.constant - cost_b.constant;
  const double slope_diff = cost_a.slope - cost_b.slope;
  const double scale = std::max({cost_a.constant, cost_b.constant, cost_a.slope, cost_b.slope});
  const bool slopes_equal = near_zero(slope_diff, scale);
  if (slopes_equal && near_zero(constant_diff, scale)) {
    return {std::nullopt, "same price at every ratio", BreakEvenKind::same_price};
  }
  if (slopes_equal) return one_side_cheaper(constant_diff < 0, name_a, name_b);
  const double root = -constant_diff / slope_diff;
  // Without a positive crossing the sign for every r > 0 is the sign at large r: the slopes'.
  if (root <= 0 || near_zero(constant_diff, scale)) {
    return one_side_cheaper(slope_diff < 0, name_a, name_b);
  }
  const bool a_cheaper_below = slope_diff > 0;
  std::string note = fmt::format("equal cost at {:.3g} input tokens per output token; {} is "
                                 "cheaper below, {} above",
                                 root, a_cheaper_below ? name_a : name_b,
                                 a_cheaper_below ? name_b : name_a);
  if (prices_a.per_request_usd || prices_b.per_request_usd) {
    note += fmt::format(" (per-request fees spread over {:g} output tokens per request)",
                        reference_output_tokens);
  }
  return {root, std::move(note), BreakEvenKind::crosses};
}

}  // namespace ttft::cost
