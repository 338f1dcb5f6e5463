// report.html: the headline tables, verdicts, plots and manifest in one self-contained page
// (inline CSS and SVG, no scripts, no network references), written as polyglot markup so it
// parses as XML too. Formats the report model and plot data; never computes.
#pragma once

#include <string>

#include "exporters/report_exporters.hpp"

namespace ttft::exporters {

/// The whole page for the overall report with its notes, plots (view.plots must be set) and
/// manifests; with groups, the region plot shows them and the per-group tables are not repeated.
/// Every string from the data (names, notes, manifest values) is escaped.
std::string export_html(const ReportView& view);

}  // namespace ttft::exporters
