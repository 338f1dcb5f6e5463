// A routing policy's monthly bill at a request volume, from the targets it billed in the replay.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cost/monthly_cost.hpp"
#include "cost/pricing.hpp"
#include "whatif/replay.hpp"

namespace ttft::whatif {

/// The monthly cost of an outcome at `volume`: each target's bill scaled and its free allowance
/// subtracted; nullopt when the outcome is unpriced.
std::optional<cost::MonthlyCost> policy_month(const Outcome& outcome, const cost::Volume& volume,
                                              const std::map<std::string, cost::Pricing>& pricing);

}  // namespace ttft::whatif
