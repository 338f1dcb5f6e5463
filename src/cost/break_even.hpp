// For two pricings, the input:output token ratio at which a request costs the same under both
// (docs/metrics.md ("Break-even")). Pure arithmetic on effective prices.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cost/pricing.hpp"

namespace ttft::cost {

// The model: a request with k output tokens and r * k input tokens costs
//   C(r, k) = fee + k * (r * input_price + output_price)
// with the effective per-token prices of request_cost.hpp. C_A = C_B gives
//   r = ((fee_B - fee_A) / k + output_B - output_A) / (input_A - input_B),
// which does not depend on k when neither side has a per-request fee; with fees it is solved at
// a reference output length k. Only a positive r is a break-even point; otherwise one side is
// cheaper at every ratio.

enum class BreakEvenKind {
  crosses,          // equal at input_per_output; one side is cheaper below it, the other above
  a_cheaper,        // A is cheaper at every positive ratio
  b_cheaper,        // B is cheaper at every positive ratio
  same_price,       // equal at every ratio
  unpriced,         // A or B has no pricing
};

struct BreakEven {
  std::optional<double> input_per_output;  // input tokens per output token where costs are equal
  std::string note;                        // the verdict in words, with the targets' names
  BreakEvenKind kind = BreakEvenKind::unpriced;
};

constexpr double kDefaultReferenceOutputTokens = 256;

/// Input tokens per output token at which A and B cost the same per request (see the model
/// above); nullopt with a note naming the cheaper side (or "same price") when there is no
/// positive crossing. Per-request fees are spread over reference_output_tokens (> 0).
BreakEven break_even(const Pricing& a, const Pricing& b,
                     double reference_output_tokens = kDefaultReferenceOutputTokens,
                     std::string_view name_a = "A", std::string_view name_b = "B");

}  // namespace ttft::cost
