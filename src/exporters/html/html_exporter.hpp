// report.html: the headline tables, verdicts, plots and manifest in one self-contained page
// (inline CSS and SVG, no scripts, no network references), written as polyglot markup so it
// parses as XML too. Formats the report model and plot data; never computes.
#pragma once

#include <string>
#include <vector>

#include "report/manifest_entries.hpp"
#include "report/plot_data.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

struct HtmlReport {
  const report::Report* report = nullptr;
  const report::HtmlPlotData* plots = nullptr;
  std::vector<report::RunManifest> manifests;  // one per run behind the report, shown at the bottom
  std::vector<std::string> notes;      // e.g. "merged from different scenario files"
};

/// The whole page; every string from the data (names, notes, manifest values) is escaped.
std::string export_html(const HtmlReport& html);

}  // namespace ttft::exporters
