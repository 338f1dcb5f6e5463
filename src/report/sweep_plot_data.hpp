// The data of the HTML report's sweep and conversation plots (types in report/plot_data.hpp), taken
// from Report::sweeps and Report::turns (docs/metrics.md ("Sweeps"), ("Conversations")).
#pragma once

#include <optional>
#include <vector>

#include "report/plot_data.hpp"
#include "report/report_model.hpp"

namespace ttft::report {

/// One entry per report sweep, in report order; empty without sweeps.
std::vector<SweepPlotData> build_sweep_plot_data(const Report& report);

/// TTFT p50 by turn per target; nullopt when the report has no turns (no conversations).
std::optional<TurnPlotData> build_turn_plot_data(const Report& report);

}  // namespace ttft::report
