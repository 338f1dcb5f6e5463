// summary.json's workload keys (docs/results.md ("summary.json")): "sweeps", "turns" and "non_streaming", added only
// when the report has them, so summaries of runs without sweeps or conversations are unchanged.
#pragma once

#include <nlohmann/json.hpp>

#include "report/report_model.hpp"

namespace ttft::exporters {

/// Adds "sweeps", "turns" and "non_streaming" to `doc` when the report has any; null for anything unmeasured.
void add_workload_json(nlohmann::ordered_json& doc, const report::Report& report);

}  // namespace ttft::exporters
