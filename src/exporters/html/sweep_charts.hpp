// The HTML report's sweep and conversation plots: per sweep, TTFT (and for concurrency and rate
// sweeps throughput) against the swept value; TTFT by conversation turn. Formatting only.
#pragma once

#include <vector>

#include "exporters/html/html_charts.hpp"
#include "report/plot_data.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

/// Per sweep in data.sweeps: "sweep-ttft-<phase>", then "sweep-throughput-<phase>" for
/// concurrency and rate sweeps; then "ttft-by-turn" when data.turns is set. Empty without either.
std::vector<Figure> sweep_figures(const report::HtmlPlotData& data, const report::Report& report);

}  // namespace ttft::exporters
