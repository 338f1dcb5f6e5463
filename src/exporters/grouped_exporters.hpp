// The `report` command's output formats for a merged, possibly grouped report (SPEC section 7):
// each wraps the single-report exporter, so an ungrouped report without notes prints exactly
// what `run` wrote (summary.csv, summary.json, report.md, the terminal tables).
#pragma once

#include <string>

#include "report/merge.hpp"

namespace ttft::exporters {

/// "note: ..." lines, then per group "<column> <label>" and its tables, then "all <column>s"
/// and the overall tables; ungrouped: the notes and export_terminal.
std::string export_grouped_terminal(const report::GroupedReport& report, bool color);

/// Ungrouped: export_markdown with the notes after its title. Grouped: one title, the notes, a
/// "## <column> `<label>`" section per group and "## all <column>s", each the group's report.md
/// with its headings one level down.
std::string export_grouped_markdown(const report::GroupedReport& report);

/// Ungrouped: export_summary_csv. Grouped: the summary.csv columns with the group column first;
/// each group's rows, then the overall rows labelled kAllGroups.
std::string export_grouped_summary_csv(const report::GroupedReport& report);

/// Ungrouped: export_summary_json, with "notes" after schema_version when there are any.
/// Grouped: {"schema_version", "by", "notes"?, "groups": [{<column>: label, "summary": {...}}],
/// "all": {...}}, each summary as summary.json writes it.
std::string export_grouped_summary_json(const report::GroupedReport& report);

}  // namespace ttft::exporters
