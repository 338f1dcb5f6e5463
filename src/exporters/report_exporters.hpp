// The report's output formats, one file each (<format>_exporter.cpp): pure functions from the
// report model to text. They format and never compute (STYLE.md, principle 5).
#pragma once

#include <string>

#include "report/report_model.hpp"

namespace ttft::exporters {

/// summary.csv: the SPEC section 6 header, then one row per MetricRow in model order; figures
/// with 3 decimals, empty cells for unmeasured figures; RFC 4180 quoting; "\n" line ends.
std::string export_summary_csv(const report::Report& report);

/// summary.json: schema_version first, then run info, metric definitions, rows, errors by
/// class, token totals, costs, break-evens, verdicts and the client's lateness; null for
/// anything unmeasured (never NaN); 2-space indent, ending with "\n".
std::string export_summary_json(const report::Report& report);

/// report.md: title, run line, the two headline tables, verdicts, errors by class, costs,
/// break-even lines, the small-n note and the client's lateness.
std::string export_markdown(const report::Report& report);

/// The terminal summary: the two headline tables as aligned text (bold headers when `color`)
/// and the verdict lines.
std::string export_terminal(const report::Report& report, bool color);

}  // namespace ttft::exporters
