// What one finished request cost, for the run loop to fill samples.csv's cost_usd before the
// row is written. Pure arithmetic over cost::request_cost.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cost/pricing.hpp"
#include "samples/sample.hpp"

namespace ttft::report {

/// The request's cost in pico-dollars under `pricing`: nullopt for a failed sample, an empty
/// pricing (unknown is not free), or a sample with neither token count; a missing count is 0.
std::optional<cost::Pusd> sample_cost(const samples::Sample& sample, const cost::Pricing& pricing);

/// Sets every sample's cost_pusd by sample_cost with its target's pricing (nullopt when the
/// target has none).
void fill_costs(std::vector<samples::Sample>& samples,
                const std::map<std::string, cost::Pricing>& pricing_by_target);

}  // namespace ttft::report
