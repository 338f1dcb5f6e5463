// report.md: the headline tables and verdicts in GitHub-flavoured Markdown, for sharing and for
// pull-request comments; a grouped report has a section per group, its headings one level down.
#include <fmt/format.h>

#include "exporters/decision_sections.hpp"
#include "exporters/headline.hpp"
#include "exporters/report_exporters.hpp"
#include "exporters/workload_sections.hpp"

namespace ttft::exporters {

using report::GroupedReport;
using report::Report;
using report::RunInfo;

namespace {

std::string run_line(const Report& report) {
  const RunInfo& run = report.run;
  std::string line =
      fmt::format("Run `{}` · ttftbench {} · seed {} · {} samples, {} errors", run.run_id,
                  run.tool_version, run.seed, report.samples, report.errors);
  if (!run.scenario_sha256.empty())
    line += fmt::format(" · scenario SHA-256 `{}`", run.scenario_sha256);
  line += "\n";
  if (run.interrupted)
    line += "\n**Interrupted:** these figures cover the requests finished before the stop.\n";
  return line;
}

std::string bullets(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "- " + line + "\n";
  return out;
}

std::string notes_lines(const std::vector<std::string>& notes) {
  std::string out;
  for (const auto& note : notes) out += "**Note:** " + note + "\n\n";
  return out;
}

/// One report below its title: the run line and every section, headed by `h` ("##" or "###").
std::string sections(const Report& report, const std::string& h) {
  std::string out = run_line(report);
  if (report.reasoning_note) out += "\n**Note:** " + *report.reasoning_note + "\n";
  if (const auto table = ttft_table(report)) {
    out += fmt::format("\n{} {}\n\n", h, headline_title(report)) + render_markdown(*table);
  }
  if (const auto note = small_n_footnote(report)) out += "\n\\" + *note + "\n";  // "\*": not a list
  if (const auto table = with_failures_table(report)) {
    out += fmt::format("\n{} {}\n\n", h, with_failures_title(report)) + render_markdown(*table);
    out += fmt::format("\n{}\n", kWithFailuresNote);
  }
  out += fmt::format("\n{} {}\n\n", h, kCostTitle) + render_markdown(cost_table(report));
  const auto break_evens = break_even_lines(report);
  if (!break_evens.empty()) out += "\nBreak-even input:output ratio:\n\n" + bullets(break_evens);
  const auto verdicts = verdict_lines(report);
  if (!verdicts.empty()) out += fmt::format("\n{} {}\n\n", h, verdicts_title(report)) + bullets(verdicts);
  for (const Section& section : text_sections(report)) {
    out += fmt::format("\n{} {}\n", h, section.title);
    for (const Table& table : section.tables) out += "\n" + render_markdown(table);
    if (!section.lines.empty()) out += "\n" + bullets(section.lines);
  }
  out += fmt::format("\n{} Errors by class\n\n", h);
  out += report.errors == 0 ? "No errors.\n" : render_markdown(errors_table(report));
  if (const auto line = lateness_line(report)) {
    out += fmt::format("\n{} The client's own error\n\n", h) + *line + "\n";
    if (report.client_error_note) out += "\n**Warning:** " + *report.client_error_note + "\n";
  }
  return out;
}

}  // namespace

std::string export_markdown(const GroupedReport& r) {
  const std::string& name = r.overall.run.scenario_name;
  if (r.column.empty()) {
    return fmt::format("# ttftbench: {}\n\n", name) + notes_lines(r.notes) + sections(r.overall, "##");
  }
  std::string out = fmt::format("# ttftbench: {} by {}\n\n", name, r.column) + notes_lines(r.notes);
  for (const auto& [label, report] : r.groups) {
    out += fmt::format("## {} `{}`\n\n", r.column, label) + sections(report, "###") + "\n";
  }
  return out + fmt::format("## all {}s\n\n", r.column) + sections(r.overall, "###");
}

}  // namespace ttft::exporters
