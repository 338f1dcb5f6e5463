#include "cli/report_command.hpp"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/export_option.hpp"
#include "cli/gate_outputs.hpp"
#include "cli/grade_option.hpp"
#include "cli/slo_option.hpp"
#include "cli/volume_option.hpp"
#include "core/exit_codes.hpp"
#include "exporters/registry.hpp"
#include "gate/parser.hpp"
#include "metrics/slo.hpp"
#include "report/from_folders.hpp"
#include "telemetry/folder_export.hpp"

namespace ttft::cli {
namespace {

/// Each assertion against the overall report; with --by, then against every group too, its
/// lines prefixed "<column>=<label>: ", so one slow region fails the gate even when the merged
/// figures pass (and a group without the rows an assertion needs fails it, as overall).
std::vector<gate::Check> evaluate_checks(const std::vector<gate::Assertion>& assertions,
                                         const report::GroupedReport& grouped) {
  std::vector<gate::Check> checks = gate::evaluate_all(assertions, grouped.overall);
  for (const auto& [label, report] : grouped.groups) {
    for (gate::Check check : gate::evaluate_all(assertions, report)) {
      check.expression = fmt::format("{}={}: {}", grouped.column, label, check.expression);
      checks.push_back(std::move(check));
    }
  }
  return checks;
}

/// --export after the report: the folders' rows pushed once to each destination (at most 30 s).
ExitCode push_exports(const std::vector<std::string>& dirs, std::vector<telemetry::Destination> destinations, Io& io) {
  if (destinations.empty()) return ExitCode::ok;
  constexpr Nanos kPushBoundNs = 30 * kNanosPerSecond;
  const auto tallies = telemetry::export_folders(dirs, std::move(destinations), kPushBoundNs);
  if (!tallies) {
    io.err << render_error(tallies.error());
    return ExitCode::usage;
  }
  return warn_failed_exports(*tallies, io) ? ExitCode::run_failed : ExitCode::ok;
}

}  // namespace

void setup_report_command(CLI::App& app, ReportOptions& o) {
  auto* cmd = app.add_subcommand("report", "Rebuild the summary from results folders (several = merge)");
  cmd->add_option("dirs", o.dirs, "Results folders written by 'ttftbench run'")->required();
  cmd->add_option("--by", o.by, "Also one table per region or per PoP")->check(CLI::IsMember({"region", "pop"}));
  cmd->add_option("--format", o.format, "Output format (default table)")
      ->check(CLI::IsMember(exporters::format_names(exporters::report_formats())));
  cmd->add_option("--volume", o.volume,
                  "Also cost per request across input:output ratios and per month at this volume "
                  "(e.g. 10M/month, 300k/day)");
  cmd->add_option("--slo", o.slo,
                  "Goodput against this SLO in every phase, over the runs' own (e.g. ttft=200ms,e2e=8s; metrics: " +
                      fmt::format("{})", fmt::join(metrics::slo_metric_names(), ", ")));
  cmd->add_option("--grade", o.grade,
                  "Grade the answers each folder recorded (outputs.jsonl, from run --record-outputs) against "
                  "this prompts file's \"expected\" answers");
  cmd->add_flag("--allow-mixed", o.allow_mixed, "Merge folders even when their scenario files differ");
  cmd->add_option("--assert", o.asserts, std::string(kAssertHelp) + "; with --by, checked for every group too")
      ->allow_extra_args(false);  // one EXPR per --assert
  cmd->add_option("--summary-md", o.summary_md, "Also write the Markdown report (and assertions) to this file");
  add_export_option(*cmd, o.exports);
}

int run_report_command(const ReportOptions& o, const GlobalOptions& global, Io& io) {
  const auto assertions = gate::parse_assertions(o.asserts);
  if (!assertions) {
    io.err << render_error(assertions.error());
    return to_int(ExitCode::usage);
  }
  const auto volume = parse_volume_option(o.volume);
  if (!volume) {
    io.err << render_error(volume.error());
    return to_int(ExitCode::usage);
  }
  const auto slo = parse_slo_option(o.slo);
  if (!slo) {
    io.err << render_error(slo.error());
    return to_int(ExitCode::usage);
  }
  auto exports = parse_export_options(o.exports, io);
  if (!exports) {
    io.err << render_error(exports.error());
    return to_int(ExitCode::usage);
  }
  std::optional<report::GroupBy> by;
  if (!o.by.empty()) by = o.by == "pop" ? report::GroupBy::pop : report::GroupBy::region;
  std::optional<std::map<std::string, bool>> grades;
  if (!o.grade.empty()) {
    auto graded = grade_recorded_outputs(o.grade, o.dirs);
    if (!graded) {
      io.err << render_error(graded.error());
      return to_int(ExitCode::usage);
    }
    grades = std::move(*graded);
  }
  const auto built = report::report_from_folders(
      {o.dirs, by, *volume, o.allow_mixed, o.format == "html", *slo, std::move(grades)}, io);
  if (!built) {
    io.err << render_error(built.error());
    return to_int(ExitCode::usage);
  }
  const auto checks = evaluate_checks(*assertions, built->report);
  io.out << exporters::render_report(*built, o.format, global.color(io));
  if (o.format == "markdown") {
    io.out << gate::checks_markdown(checks);
  } else {
    // CSV and JSON on stdout stay parseable: the check lines go to stderr there.
    const bool table = o.format == "table";
    print_checks(checks, table ? io.out : io.err, table);
  }
  io.out.flush();
  if (!o.summary_md.empty() || io.getenv("GITHUB_STEP_SUMMARY")) {
    const std::string markdown = exporters::export_markdown(built->report) + gate::checks_markdown(checks);
    if (auto published = publish_summary_markdown(markdown, o.summary_md, io); !published) {
      io.err << render_error(published.error());
      return to_int(ExitCode::run_failed);
    }
  }
  if (const ExitCode pushed = push_exports(o.dirs, std::move(*exports), io); pushed != ExitCode::ok) return to_int(pushed);
  return to_int(gate::any_failed(checks) ? ExitCode::check_failed : ExitCode::ok);
}

}  // namespace ttft::cli
