// An "slo" object read on its own, outside a whole scenario: `report` reads the SLO a run was
// given from manifest.json's copy of its scenario, with the loader's checks.
#pragma once

#include <string>

#include "core/error.hpp"
#include "metrics/slo.hpp"
#include "scenario/json_syntax.hpp"

namespace ttft::scenario {

/// `value` as a scenario's /slo or /phases/<i>/slo: an object of one or more bounds
/// {"<metric>": "<duration>"} on metrics::slo_metric_names(); errors are located at
/// "<file>: <pointer>".
[[nodiscard]] Result<metrics::Slo> parse_slo(const Json& value, const std::string& file, const std::string& pointer);

}  // namespace ttft::scenario
