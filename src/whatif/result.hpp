// What `whatif` prints: each policy's replayed outcome with the draws behind it, the assumptions,
// and what the monthly cost needs (volume, prices). Data only; src/exporters formats it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cost/monthly_cost.hpp"
#include "cost/pricing.hpp"
#include "whatif/replay.hpp"

namespace ttft::whatif {

struct WhatifResult {
  std::string metric, phase;  // phase empty = every phase
  std::int64_t requests = 0;
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::size_t>> samples;  // per target, drawn from
  std::vector<Outcome> outcomes;
  std::vector<std::string> notes;
  std::optional<cost::Volume> volume;
  std::map<std::string, cost::Pricing> pricing;  // by target, for the monthly cost
};

}  // namespace ttft::whatif
