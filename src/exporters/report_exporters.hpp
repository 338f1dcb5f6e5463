// The report's output formats, one file each (<format>_exporter.cpp): pure functions from the
// report's labelled sections to text. They format and never compute (STYLE.md, principle 5).
// An ungrouped report (no column, no groups) without notes prints exactly what `run` writes.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "report/merge.hpp"
#include "report/plot_data.hpp"
#include "results/manifest.hpp"

namespace ttft::exporters {

/// What a report is rendered from: its sections, and for report.html also the plots' data and
/// the manifests of the runs behind it (the other formats leave these alone).
struct ReportView {
  const report::GroupedReport* report = nullptr;
  const report::HtmlPlotData* plots = nullptr;  // report.html only
  std::span<const results::Manifest> manifests;  // report.html only: one per run, shown at the bottom
};

/// The headline tables as aligned text (bold headers when `color`) and the verdict lines:
/// "note: ..." lines first; grouped, a "<column> <label>" title per group and "all <column>s"
/// before the overall tables.
std::string export_terminal(const report::GroupedReport& report, bool color);

/// report.md: title, run line, the two headline tables, verdicts, errors by class, costs,
/// break-even lines, the small-n note and the client's lateness; the notes after the title.
/// Grouped: one title, the notes, a "## <column> `<label>`" section per group and "## all
/// <column>s", each with the report's sections one heading level down.
std::string export_markdown(const report::GroupedReport& report);

/// summary.csv: the header of docs/results.md ("summary.csv"), then one row per MetricRow in model order; figures
/// with 3 decimals, empty cells for unmeasured figures; RFC 4180 quoting; "\n" line ends.
/// Grouped: the group column first, each group's rows, then the overall rows labelled "all".
std::string export_summary_csv(const report::GroupedReport& report);

/// summary.json: schema_version first (then "notes" when there are any), run info, metric
/// definitions, rows, errors by class, token totals, costs, break-evens, verdicts and the
/// client's lateness; null for anything unmeasured (never NaN); 2-space indent, ending with
/// "\n". Grouped: {"schema_version", "by", "notes"?, "groups": [{<column>: label, "summary":
/// {...}}], "all": {...}}, each summary as an ungrouped report's.
std::string export_summary_json(const report::GroupedReport& report);

}  // namespace ttft::exporters
