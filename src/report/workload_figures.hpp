// Report::sweeps and Report::turns from the metric groups' tallies and the report's rows and
// goodput (docs/metrics.md ("Sweeps"), ("Conversations")). Called by build_report once the rows are made.
#pragma once

#include <vector>

#include "report/metric_groups.hpp"
#include "report/report_model.hpp"

namespace ttft::report {

/// The sweeps of `report.run.sweeps` (in that order), then any phases "<name>@<value>" whose rows
/// carry a sweep_value but no sweep names (an older manifest, or none): those are grouped by
/// <name> with the parameter "value". Each target × value gets a point (empty without rows);
/// input_tokens sweeps get fits and crossovers, concurrency and rate sweeps saturation points.
std::vector<SweepReport> build_sweeps(const Report& report, const MetricGroups& groups);

/// TTFT per target (report.run.targets order) and conversation turn (ascending).
std::vector<TurnRow> build_turns(const RunInfo& run, const MetricGroups& groups);

}  // namespace ttft::report
