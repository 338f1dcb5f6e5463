#include "cli/report_command.hpp"

#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "cli/gate_outputs.hpp"
#include "cli/report_decisions.hpp"
#include "cli/results_folder.hpp"
#include "core/exit_codes.hpp"
#include "exporters/registry.hpp"
#include "gate/parser.hpp"

namespace ttft::cli {
namespace {

/// Folders merge only when their scenarios are the same file (SPEC section 7). With
/// --allow-mixed the merge goes ahead, and the notes returned say so in the report.
Result<std::vector<std::string>> check_scenarios(const std::vector<ResultsFolder>& folders, bool allow_mixed,
                                                 Io& io) {
  const ResultsFolder* first = nullptr;
  std::vector<std::string> differing;
  for (const ResultsFolder& folder : folders) {
    if (!folder.manifest) continue;
    if (first == nullptr) {
      first = &folder;
      continue;
    }
    const std::string& a = first->manifest->scenario_sha256;
    const std::string& b = folder.manifest->scenario_sha256;
    if (a == b) continue;
    if (!allow_mixed) {
      return fail(folder.dir,
                  fmt::format("its scenario differs from {}'s (SHA-256 {} vs {})", first->dir, short_sha256(b),
                              short_sha256(a)),
                  "merge results of the same scenario file, or --allow-mixed merges anyway");
    }
    differing.push_back(fmt::format("{} ({})", folder.dir, short_sha256(b)));
  }
  if (differing.empty()) return std::vector<std::string>{};
  std::string list = fmt::format("{} ({})", first->dir, short_sha256(first->manifest->scenario_sha256));
  for (const auto& other : differing) list += ", " + other;
  const std::string note = "merged from different scenario files (--allow-mixed): " + list;
  io.err << "warning: " << note << "\n";
  return std::vector<std::string>{note};
}

/// Every folder's rows, in argument order, as one report (and one per group). The rows stream
/// from the files into the report's groups and are not kept: a million rows take ~0.1 GB, not
/// the ~1 GB of a million Samples.
/// `plot_rows`, when given, also keeps what the HTML plots need of each row (~80 bytes a row).
Result<report::GroupedReport> build_from_folders(const ReportOptions& o, Io& io,
                                                 report::PlotSamplesBuilder* plot_rows = nullptr) {
  std::optional<report::GroupBy> by;
  if (!o.by.empty()) by = o.by == "pop" ? report::GroupBy::pop : report::GroupBy::region;
  const auto volume = parse_volume_option(o.volume);
  if (!volume) return tl::unexpected(volume.error());
  report::GroupedReportBuilder builder(by);
  report::IdleSweepCollector sweep;  // idle sweeps are judged on the overall samples only
  const samples::RowSink add_row = [&builder, &sweep, plot_rows](samples::Sample& row) {
    builder.add(row);
    if (plot_rows != nullptr) plot_rows->add(row);
    sweep.add(row);
  };
  auto folders = read_results_folders(o.dirs, io, &add_row);
  if (!folders) return tl::unexpected(folders.error());
  auto notes = check_scenarios(*folders, o.allow_mixed, io);
  if (!notes) return tl::unexpected(notes.error());
  std::vector<report::RunFacts> runs;
  for (const ResultsFolder& folder : *folders) runs.push_back(facts_of(folder));
  report::GroupedReport grouped = builder.build(runs);
  grouped.notes = std::move(*notes);
  add_decisions(grouped.overall, sweep, idle_gaps_of(runs), *volume);
  return grouped;
}

/// Every folder's manifest, for report.html. The folders were read already, so a manifest that
/// does not parse now is left out rather than reported twice.
std::vector<report::RunManifest> manifests_of(const std::vector<std::string>& dirs) {
  std::vector<report::RunManifest> manifests;
  for (const std::string& dir : dirs) {
    std::ifstream file(dir + "/manifest.json", std::ios::binary);
    const auto manifest = nlohmann::json::parse(file, nullptr, false);
    if (file.is_open() && !manifest.is_discarded()) manifests.push_back(report::manifest_entries(manifest));
  }
  return manifests;
}

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
  cmd->add_flag("--allow-mixed", o.allow_mixed, "Merge folders even when their scenario files differ");
  cmd->add_option("--assert", o.asserts, std::string(kAssertHelp) + "; with --by, checked for every group too")
      ->allow_extra_args(false);  // one EXPR per --assert
  cmd->add_option("--summary-md", o.summary_md, "Also write the Markdown report (and assertions) to this file");
}

int run_report_command(const ReportOptions& o, const GlobalOptions& global, Io& io) {
  const auto assertions = gate::parse_assertions(o.asserts);
  if (!assertions) {
    io.err << render_error(assertions.error());
    return to_int(ExitCode::usage);
  }
  report::PlotSamplesBuilder plot_rows;
  const bool html = o.format == "html";
  const auto grouped = build_from_folders(o, io, html ? &plot_rows : nullptr);
  if (!grouped) {
    io.err << render_error(grouped.error());
    return to_int(ExitCode::usage);
  }
  const auto checks = evaluate_checks(*assertions, *grouped);
  exporters::ReportView view{&*grouped, nullptr, {}};
  report::HtmlPlotData plots;
  if (html) {  // the overall report's plots (with --by, the region plot shows the regions) and every manifest
    plots = report::build_plot_data(plot_rows.take(), grouped->overall);
    view.plots = &plots;
    view.manifests = manifests_of(o.dirs);
  }
  io.out << exporters::find_format(exporters::report_formats(), o.format).render(view, global.color(io));
  if (o.format == "markdown") {
    io.out << gate::checks_markdown(checks);
  } else {
    // CSV and JSON on stdout stay parseable: the check lines go to stderr there.
    const bool table = o.format == "table";
    print_checks(checks, table ? io.out : io.err, table);
  }
  io.out.flush();
  if (!o.summary_md.empty() || io.getenv("GITHUB_STEP_SUMMARY")) {
    const std::string markdown = exporters::export_markdown(*grouped) + gate::checks_markdown(checks);
    if (auto published = publish_summary_markdown(markdown, o.summary_md, io); !published) {
      io.err << render_error(published.error());
      return to_int(ExitCode::run_failed);
    }
  }
  return to_int(gate::any_failed(checks) ? ExitCode::check_failed : ExitCode::ok);
}

}  // namespace ttft::cli
