// summary.json's decision keys (docs/results.md ("summary.json")): "slo", "idle_sweep" and
// "cost_at_scale", added only when the report has them, so summaries of runs without an SLO, an
// idle sweep or --volume are unchanged.
#pragma once

#include <nlohmann/json.hpp>

#include "report/report_model.hpp"

namespace ttft::exporters {

/// Adds the keys the report has to `doc`; null for anything unmeasured.
void add_decision_json(nlohmann::ordered_json& doc, const report::Report& report);

}  // namespace ttft::exporters
