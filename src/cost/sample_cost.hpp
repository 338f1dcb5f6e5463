// What one finished request cost, for the run loop to fill samples.csv's cost_usd before the
// row is written. Pure arithmetic over request_cost; knows nothing of the sample record.
#pragma once

#include <cstdint>
#include <optional>

#include "cost/pricing.hpp"

namespace ttft::cost {

/// The request's cost in pico-dollars under `pricing`: nullopt for a failed request, an empty
/// pricing (unknown is not free), or a request with neither token count; a missing count is 0.
std::optional<Pusd> sample_cost(const Pricing& pricing, bool failed, std::optional<std::int64_t> input_tokens,
                                std::optional<std::int64_t> output_tokens);

}  // namespace ttft::cost
