// The HTML report's plots: each plot's data (report/plot_data.hpp) drawn by src/plot as an inline SVG
// with a title and a description carrying its key numbers, or the sentence saying why there is
// nothing to draw. Formatting only.
#pragma once

#include <string>
#include <vector>

#include "plot/frame.hpp"
#include "report/plot_data.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

/// The time-to-first-token axis every TTFT plot shares (log-scaled).
inline const plot::Axis kTtftAxis{"Time to first token", "ms", false, true};

struct Figure {
  std::string id;       // stable: the <svg>'s id and data-plot, e.g. "ttft-cdf"
  std::string heading;  // the figure's caption
  std::string svg;      // empty when missing is set
  std::string missing;  // why the plot is not drawn
};

/// Every plot the HTML report promises, in page order: ttft-cdf, ttft-cdf-log, ttft-over-time,
/// ttft-vs-idle, first-token-vs-event, region-percentiles, cost-per-mtok, cost-vs-ratio; then the
/// sweep and turn plots when the report has sweeps or conversations (sweep_charts.hpp).
std::vector<Figure> html_figures(const report::HtmlPlotData& data, const report::Report& report);

}  // namespace ttft::exporters
