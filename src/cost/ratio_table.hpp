// Two targets' cost per request across input:output ratios and where they cross (docs/metrics.md ("Cost at a volume")):
// the break-even of break_even.hpp made concrete at the run's measured output length. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cost/break_even.hpp"
#include "cost/pricing.hpp"

namespace ttft::cost {

struct TokenRatio {  // input tokens : output tokens
  std::int64_t input = 1;
  std::int64_t output = 1;
};

/// The ratios the table shows, from chat-like (1:10) to long-context summarising (100:1).
inline constexpr std::array<TokenRatio, 7> kTableRatios = {
    {{1, 10}, {1, 3}, {1, 1}, {3, 1}, {10, 1}, {30, 1}, {100, 1}}};

struct RatioRow {
  TokenRatio ratio;
  std::int64_t input_tokens = 0, output_tokens = 0;  // the request priced at this ratio
  std::optional<Pusd> a_pusd, b_pusd;                 // nullopt: that side has no pricing
};

struct RatioTable {
  std::string a, b;                   // target names, a before b in scenario order
  std::int64_t output_tokens = 0;     // the output length every row keeps
  std::vector<RatioRow> rows;         // kTableRatios in order
  BreakEven crossing;                 // break_even at the same output length
};

/// Cost per request of A and B at each of kTableRatios: a request of `output_tokens` (>= 1, the
/// run's mean) output tokens and ratio × that many input tokens, rounded to whole tokens.
RatioTable ratio_table(const Pricing& a, const Pricing& b, std::int64_t output_tokens,
                       std::string_view name_a, std::string_view name_b);

}  // namespace ttft::cost
