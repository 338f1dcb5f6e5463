// The ratio table: whole-token requests priced by request_cost, so each cell is exact money.
#include "cost/ratio_table.hpp"

#include <cmath>

#include "core/check.hpp"
#include "cost/request_cost.hpp"

namespace ttft::cost {

RatioTable ratio_table(const Pricing& a, const Pricing& b, std::int64_t output_tokens,
                       std::string_view name_a, std::string_view name_b) {
  TTFT_CHECK(output_tokens >= 1, "a ratio table needs at least one output token");
  RatioTable table;
  table.a = std::string(name_a);
  table.b = std::string(name_b);
  table.output_tokens = output_tokens;
  for (const TokenRatio& ratio : kTableRatios) {
    RatioRow row;
    row.ratio = ratio;
    row.output_tokens = output_tokens;
    row.input_tokens = std::llround(static_cast<double>(output_tokens) *
                                    static_cast<double>(ratio.input) / static_cast<double>(ratio.output));
    if (!a.empty()) row.a_pusd = request_cost(a, row.input_tokens, row.output_tokens);
    if (!b.empty()) row.b_pusd = request_cost(b, row.input_tokens, row.output_tokens);
    table.rows.push_back(row);
  }
  table.crossing = break_even(a, b, static_cast<double>(output_tokens), name_a, name_b);
  return table;
}

}  // namespace ttft::cost
