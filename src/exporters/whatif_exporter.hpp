// How `whatif` prints its outcomes: an aligned table with the assumptions below it, or JSON.
// Formatting only; the figures come from whatif::replay and whatif::policy_month.
#pragma once

#include <string>

#include "whatif/result.hpp"

namespace ttft::exporters {

/// The heading line, one row per policy (latency percentiles, error rate, share sent to the
/// second target, cost; net $/month with a volume), then the assumptions as "- " lines.
std::string export_whatif_table(const whatif::WhatifResult& result, bool color);

/// {"schema_version", "metric", "phase", "requests", "seed", "samples", "volume", "policies":
/// [...], "assumptions"}; null for anything unmeasured.
std::string export_whatif_json(const whatif::WhatifResult& result);

}  // namespace ttft::exporters
