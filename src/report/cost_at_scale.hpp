// `report --volume` (docs/metrics.md ("Cost at a volume")): per pair of targets the cost per request
// across input:output ratios with their break-even, and per target the monthly bill with free
// allowances subtracted. Pure; figures come from the report's measured costs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cost/monthly_cost.hpp"
#include "cost/ratio_table.hpp"
#include "cost/target_cost.hpp"

namespace ttft::report {

struct TargetMonth {
  std::string target;
  cost::MonthlyCost month;
};

struct CostAtScale {
  cost::Volume volume;
  std::int64_t output_tokens = 0;          // the ratio tables' output length: the run's mean
  std::vector<cost::RatioTable> pairs;     // each pair of targets, scenario order
  std::vector<TargetMonth> monthly;        // priced targets with successful requests
};

/// The ratio tables at the mean output tokens of every target's successful requests (at least
/// 1) and the monthly cost of each priced target at `volume`, each request costing what its
/// measured successful requests cost on average.
CostAtScale cost_at_scale(const std::vector<std::string>& targets, const std::map<std::string, cost::Pricing>& pricing,
                          const std::map<std::string, cost::TargetCost>& costs, const cost::Volume& volume);

}  // namespace ttft::report
