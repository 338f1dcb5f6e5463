// The summary printed at the end of `run` and by `report`: the headline tables as aligned
// text and the verdict lines, per group when grouped. ANSI bold only when the caller says
// colour is allowed.
#include <fmt/format.h>

#include "exporters/ansi.hpp"
#include "exporters/decision_sections.hpp"
#include "exporters/headline.hpp"
#include "exporters/report_exporters.hpp"
#include "exporters/workload_sections.hpp"

namespace ttft::exporters {

using report::GroupedReport;
using report::Report;

namespace {

std::string title(const std::string& text, bool color) {
  return color ? fmt::format("{}{}{}\n", kBold, text, kReset) : text + "\n";
}

/// One report's tables and lines.
std::string tables(const Report& report, bool color) {
  std::string out;
  if (report.run.interrupted) out += "interrupted: figures cover the requests finished so far\n\n";
  if (report.reasoning_note) out += "note: " + *report.reasoning_note + "\n\n";
  if (const auto table = ttft_table(report)) out += title(headline_title(report), color) + render_text(*table, color);
  if (const auto note = small_n_footnote(report)) out += *note + "\n";
  if (const auto table = with_failures_table(report)) {
    out += "\n" + title(with_failures_title(report), color) + render_text(*table, color) + kWithFailuresNote + "\n";
  }
  out += "\n" + title(kCostTitle, color) + render_text(cost_table(report), color);
  for (const std::string& line : break_even_lines(report)) out += line + "\n";
  const auto verdicts = verdict_lines(report);
  if (!verdicts.empty()) {
    out += "\n" + title(verdicts_title(report), color);
    for (const std::string& line : verdicts) out += line + "\n";
  }
  for (const Section& section : text_sections(report)) {
    out += "\n" + title(section.title, color);
    for (const Table& table : section.tables) out += render_text(table, color);
    for (const std::string& line : section.lines) out += line + "\n";
  }
  if (const auto line = lateness_line(report)) out += "\n" + *line + "\n";
  if (report.client_error_note) out += "warning: " + *report.client_error_note + "\n";
  return out;
}

}  // namespace

std::string export_terminal(const GroupedReport& r, bool color) {
  std::string out;
  for (const auto& note : r.notes) out += "note: " + note + "\n";
  if (!r.notes.empty()) out += "\n";
  if (r.column.empty()) return out + tables(r.overall, color);
  for (const auto& [label, report] : r.groups) {
    out += title(fmt::format("{} {}", r.column, label), color) + "\n" + tables(report, color) + "\n";
  }
  return out + title(fmt::format("all {}s", r.column), color) + "\n" + tables(r.overall, color);
}

}  // namespace ttft::exporters
