// The report's decision sections (docs/results.md ("report.md")) as titled tables and lines, for
// the terminal, Markdown and HTML exporters alike: SLO attainment (goodput) with its verdicts,
// TTFT against idle time with each target's scale-to-zero estimate, and cost at a request volume.
// Formatting only; empty when the report has none of them.
#pragma once

#include <string>
#include <vector>

#include "exporters/table.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

struct Section {
  std::string title;
  std::vector<Table> tables;
  std::vector<std::string> lines;  // sentences after the tables
};

/// "SLO attainment" with an SLO; "TTFT after idle" when the report has idle thresholds; "Cost at
/// <volume>" with --volume.
std::vector<Section> decision_sections(const report::Report& report);

/// "$0.0123"-style dollars: 4 significant digits; "-" when unknown.
std::string format_usd(std::optional<double> usd);

}  // namespace ttft::exporters
