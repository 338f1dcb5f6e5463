// What one finished request cost, for the run loop to fill samples.csv's cost_usd before the
// row is written. Pure arithmetic over request_cost; knows nothing of the sample record.
#pragma once

#include <cstdint>
#include <optional>

#include "cost/pricing.hpp"

namespace ttft::cost {

/// What usage said a request used; nullopt = the provider did not say.
struct UsageTokens {
  std::optional<std::int64_t> input = std::nullopt, output = std::nullopt;
  std::optional<std::int64_t> cached_input = std::nullopt, cache_write = std::nullopt;  // parts of input
};

/// The request's cost in pico-dollars under `pricing`: nullopt for a failed request, an empty
/// pricing (unknown is not free), or a request with neither input nor output count; a missing
/// count is 0.
std::optional<Pusd> sample_cost(const Pricing& pricing, bool failed, const UsageTokens& tokens);

}  // namespace ttft::cost
