#include "cli/run_command.hpp"

#include <ostream>

#include "cli/export_option.hpp"
#include "cli/gate_outputs.hpp"
#include "core/exit_codes.hpp"
#include "gate/evaluate.hpp"
#include "gate/parser.hpp"
#include "exporters/report_exporters.hpp"
#include "run/resume.hpp"
#include "run/session.hpp"
#include "scenario/names.hpp"

namespace ttft::cli {

void setup_run_command(CLI::App& app, RunOptions& o) {
  auto* cmd = app.add_subcommand("run", "Run a scenario: alternate requests between targets, write results");
  cmd->add_option("scenario", o.scenario_path,
                  "Scenario file (JSON with comments); with --resume, default the path the run recorded");
  cmd->add_option("--out", o.out_dir, "Results folder (default results/<name>-<UTC>[-<region>][-shard-I-of-N])");
  cmd->add_option("--seed", o.seed, "Seed for the order of targets and arrivals (default: scenario's, else random)");
  cmd->add_option("--region", o.region, "Label for where this client runs (tags rows and the folder)");
  cmd->add_option("--shard", o.shard,
                  "Run the I-th of N interleaved slices of the schedule, 1-based (e.g. 2/4); default from "
                  "JOB_COMPLETION_INDEX (0-based) and JOB_COMPLETION_COUNT when set");
  cmd->add_option("--assert", o.asserts, kAssertHelp)->allow_extra_args(false);  // one EXPR per --assert
  cmd->add_option("--summary-md", o.summary_md, "Also write the Markdown report (and assertions) to this file");
  cmd->add_option("--resume", o.resume_dir,
                  "Finish the interrupted run in results folder DIR: send only the requests that have no row, "
                  "append to its samples.csv, then write the summaries from all its rows")
      ->type_name("DIR");
  cmd->add_flag("--insecure", o.insecure,
                "Do not verify any target's TLS certificate (prints a warning; recorded in manifest.json)");
  cmd->add_flag("--record-outputs", o.record_outputs,
                "Also write outputs.jsonl: each request's prompt and answer text, appended as it ends");
  auto* live = cmd->add_flag("--live", o.live,
                             "Show the live view (per target and phase: done/planned, in flight, errors, running "
                             "p50/p95 TTFT, the A/B difference) when stdout is a terminal; default: runs estimated "
                             "over 30 s");
  cmd->add_flag("--no-live", o.no_live, "Never show the live view (the progress line on stderr instead)")->excludes(live);
  add_export_option(*cmd, o.exports);
  cmd->add_option("--export-interval", o.export_interval,
                  "How often --export pushes during the run (prometheus-rw, otlp; default 5s); the Pushgateway "
                  "gets the run's end only");
}

namespace {

/// The run's settings; fails (a usage error) on a bad --export or --export-interval.
Result<run::RunSettings> settings_of(const RunOptions& o, Io& io) {
  auto exports = parse_export_options(o.exports, io);
  if (!exports) return tl::unexpected(exports.error());
  const auto interval = parse_export_interval(o.export_interval);
  if (!interval) return tl::unexpected(interval.error());
  return run::RunSettings{o.scenario_path, o.out_dir, o.resume_dir, o.seed, o.region, o.shard, o.insecure,
                          o.argv, o.record_outputs, std::move(*exports), *interval};
}

/// The --assert lines and --summary-md; check_failed when an assertion failed.
ExitCode apply_gates(const std::vector<gate::Assertion>& assertions, const report::FolderReport& built,
                     const RunOptions& o, Io& io) {
  const auto checks = gate::evaluate_all(assertions, built.report.overall);
  print_checks(checks, io.out, true);
  if (!o.summary_md.empty() || io.getenv("GITHUB_STEP_SUMMARY")) {
    const std::string markdown = exporters::export_markdown(built.report) + gate::checks_markdown(checks);
    if (auto published = publish_summary_markdown(markdown, o.summary_md, io); !published) {
      io.err << render_error(published.error());
      return ExitCode::run_failed;
    }
  }
  return gate::any_failed(checks) ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace

int run_run_command(const RunOptions& o, const GlobalOptions& global, Io& io) {
  // Everything is checked before anything is sent: assertions, scenario, shard, folder, TLS files.
  auto assertions = gate::parse_assertions(o.asserts);
  if (!assertions) {
    io.err << render_error(assertions.error());
    return to_int(ExitCode::usage);
  }
  const auto parsed = settings_of(o, io);
  if (!parsed) {
    io.err << render_error(parsed.error());
    return to_int(ExitCode::usage);
  }
  const run::RunSettings& settings = *parsed;
  auto prepared = run::prepare_run(settings, io);
  if (prepared) {
    // A typo in a target or phase name would only show after the whole run: refuse it now.
    const auto& s = prepared->scenario;
    const auto named = gate::check_names(*assertions, scenario::target_names(s), scenario::phase_names(s));
    if (!named) prepared = tl::unexpected(named.error());
  }
  if (!prepared) {
    io.err << render_error(prepared.error());
    return to_int(ExitCode::usage);
  }
  if (run::already_complete(*prepared, global.quiet, io)) return to_int(ExitCode::ok);
  const auto live = o.live ? run::LiveMode::on : o.no_live ? run::LiveMode::off : run::LiveMode::automatic;
  run::Session session(std::move(*prepared), settings, {global.verbose, global.quiet, global.color(io), live}, io);
  if (auto opened = session.open(); !opened) {
    io.err << render_error(opened.error());
    return to_int(ExitCode::run_failed);
  }
  auto result = session.execute();
  if (!result) {
    io.err << render_error(result.error());
    return to_int(ExitCode::run_failed);
  }
  const auto ended = session.finish(*result);
  if (!ended) {
    io.err << render_error(ended.error());
    return to_int(ExitCode::run_failed);
  }
  const ExitCode gated = apply_gates(*assertions, ended->report, o, io);
  if (ended->failure) {
    io.err << render_error(*ended->failure);
    return to_int(ExitCode::run_failed);
  }
  if (ended->interrupted) return to_int(ExitCode::interrupted);
  return to_int(gated);  // a failed assertion decides only when the run itself succeeded
}

}  // namespace ttft::cli
