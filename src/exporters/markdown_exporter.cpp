// report.md: the headline tables and verdicts in GitHub-flavoured Markdown, for sharing and for
// pull-request comments.
#include <fmt/format.h>

#include "exporters/decision_sections.hpp"
#include "exporters/headline.hpp"
#include "exporters/report_exporters.hpp"

namespace ttft::exporters {

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

std::string errors_section(const Report& report) {
  std::string out = "\n## Errors by class\n\n";
  if (report.errors == 0) return out + "No errors.\n";
  return out + render_markdown(errors_table(report));
}

std::string client_section(const Report& report) {
  const auto line = lateness_line(report);
  if (!line) return {};
  std::string out = "\n## The client's own error\n\n" + *line + "\n";
  if (report.client_error_note) out += "\n**Warning:** " + *report.client_error_note + "\n";
  return out;
}

}  // namespace

std::string export_markdown(const Report& report) {
  std::string out = fmt::format("# ttftbench: {}\n\n", report.run.scenario_name);
  out += run_line(report);
  out += fmt::format("\n## {}\n\n", kTtftTitle) + render_markdown(ttft_table(report));
  if (const auto note = small_n_footnote(report)) out += "\n\\" + *note + "\n";  // "\*": not a list
  out += fmt::format("\n## {}\n\n", kCostTitle) + render_markdown(cost_table(report));
  const auto break_evens = break_even_lines(report);
  if (!break_evens.empty()) out += "\nBreak-even input:output ratio:\n\n" + bullets(break_evens);
  const auto verdicts = verdict_lines(report);
  if (!verdicts.empty()) {
    out += "\n## A/B verdicts (time to first token)\n\n" + bullets(verdicts);
  }
  for (const Section& section : decision_sections(report)) {
    out += fmt::format("\n## {}\n", section.title);
    for (const Table& table : section.tables) out += "\n" + render_markdown(table);
    if (!section.lines.empty()) out += "\n" + bullets(section.lines);
  }
  out += errors_section(report);
  out += client_section(report);
  return out;
}

}  // namespace ttft::exporters
