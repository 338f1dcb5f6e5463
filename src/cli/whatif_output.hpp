// How `whatif` prints its outcomes: an aligned table with the assumptions below it, or JSON.
// Formatting only; the figures come from whatif::replay.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cost/monthly_cost.hpp"
#include "cost/pricing.hpp"
#include "whatif/replay.hpp"

namespace ttft::cli {

struct WhatifResult {
  std::string metric, phase;  // phase empty = every phase
  std::int64_t requests = 0;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::size_t>> samples;  // per target, drawn from
  std::vector<whatif::Outcome> outcomes;
  std::vector<std::string> notes;
  std::optional<cost::Volume> volume;
  std::map<std::string, cost::Pricing> pricing;  // by target, for the monthly cost
};

/// The monthly cost of an outcome at `volume`: each target's bill scaled and its free allowance
/// subtracted; nullopt when the outcome is unpriced.
std::optional<cost::MonthlyCost> policy_month(const whatif::Outcome& outcome, const cost::Volume& volume,
                                              const std::map<std::string, cost::Pricing>& pricing);

std::string whatif_table(const WhatifResult& result, bool color);
std::string whatif_json(const WhatifResult& result);

}  // namespace ttft::cli
