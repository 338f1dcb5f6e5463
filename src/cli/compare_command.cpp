#include "cli/compare_command.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>

#include <fmt/format.h>

#include "cli/gate_outputs.hpp"
#include "core/exit_codes.hpp"
#include "exporters/compare_exporter.hpp"
#include "exporters/registry.hpp"
#include "report/merge.hpp"
#include "results/folder.hpp"

namespace ttft::cli {
namespace {

using results::ResultsFolder;

constexpr const char* kMaxRegressionFlag = "--max-regression";
constexpr const char* kMaxRegressionHint = "give a percentage with its %, e.g. --max-regression 5%";

bool has_successful_row(const ResultsFolder& folder) {
  return std::any_of(folder.samples.begin(), folder.samples.end(),
                     [](const samples::Sample& s) { return s.error.empty(); });
}

/// Comparing different configurations is what compare is for, so different scenario files are
/// only worth a warning (and a note in the output).
std::vector<std::string> scenario_notes(const ResultsFolder& baseline, const ResultsFolder& candidate, Io& io) {
  if (!baseline.manifest || !candidate.manifest) return {};
  const std::string& a = baseline.manifest->scenario_sha256;
  const std::string& b = candidate.manifest->scenario_sha256;
  if (a == b) return {};
  const std::string note = fmt::format("baseline and candidate come from different scenario files (SHA-256 {} vs {})",
                                       results::short_sha256(a), results::short_sha256(b));
  io.err << "warning: " << note << "\n";
  return {note};
}

}  // namespace

void setup_compare_command(CLI::App& app, CompareOptions& o) {
  auto* cmd = app.add_subcommand(
      "compare", "Compare a candidate run with a baseline: p50/p95 changes, CIs, p-values; exit 1 on a regression");
  cmd->add_option("baseline", o.baseline, "Results folder of the baseline run")->required();
  cmd->add_option("candidate", o.candidate, "Results folder of the candidate run")->required();
  cmd->add_option(kMaxRegressionFlag, o.max_regression,
                  "A regression is a significant slowdown larger than this (default 10%)");
  cmd->add_option("--format", o.format, "Output format (default table)")
      ->check(CLI::IsMember(exporters::format_names(exporters::compare_formats())));
  cmd->add_option("--summary-md", o.summary_md, "Also write the Markdown comparison to this file");
}

Result<double> parse_max_regression(const std::string& text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    return fail(kMaxRegressionFlag, fmt::format("expected a percentage of at least 0%, got \"{}\"", text),
                kMaxRegressionHint);
  }
  double percent = 0;
  const char* end = text.data() + text.size();
  const bool has_unit = !text.empty() && text.back() == '%';
  const auto [ptr, ec] = std::from_chars(text.data(), has_unit ? end - 1 : end, percent, std::chars_format::fixed);
  if (!has_unit || ec != std::errc() || ptr != end - 1 || !std::isfinite(percent)) {
    return fail(kMaxRegressionFlag, fmt::format("expected a percentage such as 10%, got \"{}\"", text),
                kMaxRegressionHint);
  }
  return percent / 100;
}

int run_compare_command(const CompareOptions& o, const GlobalOptions& global, Io& io) {
  const auto max_regression = parse_max_regression(o.max_regression);
  if (!max_regression) {
    io.err << render_error(max_regression.error());
    return to_int(ExitCode::usage);
  }
  auto folders = results::read_results_folders({o.baseline, o.candidate}, io);
  if (!folders) {
    io.err << render_error(folders.error());
    return to_int(ExitCode::usage);
  }
  ResultsFolder& baseline = (*folders)[0];
  ResultsFolder& candidate = (*folders)[1];
  for (const ResultsFolder* folder : {&baseline, &candidate}) {
    if (has_successful_row(*folder)) continue;
    const std::string what = folder->samples.empty()
                                 ? "no requests to compare (samples.csv has no rows)"
                                 : fmt::format("no successful request to compare (all {} failed)", folder->samples.size());
    io.err << render_error(Error{folder->dir, what, "compare needs successful requests on both sides"});
    return to_int(ExitCode::run_failed);
  }
  const report::RunInfo names = report::merge_run_info({baseline.manifest_or_stand_in(), candidate.manifest_or_stand_in()});
  report::Comparison comparison = report::compare_runs(
      {o.baseline, o.candidate, std::move(baseline.samples), std::move(candidate.samples), names.targets,
       names.phases, *max_regression});
  comparison.notes = scenario_notes(baseline, candidate, io);
  io.out << exporters::find_format(exporters::compare_formats(), o.format).render(comparison, global.color(io));
  io.out.flush();
  if (!o.summary_md.empty() || io.getenv("GITHUB_STEP_SUMMARY")) {
    const std::string markdown = exporters::export_compare_markdown(comparison);
    if (auto published = publish_summary_markdown(markdown, o.summary_md, io); !published) {
      io.err << render_error(published.error());
      return to_int(ExitCode::run_failed);
    }
  }
  return to_int(comparison.any_regression() ? ExitCode::check_failed : ExitCode::ok);
}

}  // namespace ttft::cli
