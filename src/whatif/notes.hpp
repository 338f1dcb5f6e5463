// What a replay assumes, in words `whatif` prints with its figures (docs/metrics.md ("What-if policies")), and what the
// samples at hand make of the chosen policies (a split that cannot split). Pure.
#pragma once

#include <string>
#include <vector>

#include "whatif/policy.hpp"
#include "whatif/sample_pool.hpp"

namespace ttft::whatif {

/// The replay's assumptions (replay.hpp), then notes on these policies and pools: a split whose
/// prompts all fall on one side, targets without samples, successes without the metric.
std::vector<std::string> replay_notes(const std::vector<Policy>& policies, const std::vector<TargetPool>& pools);

}  // namespace ttft::whatif
