#include "cli/run_command.hpp"

#include <ostream>

#include "cli/gate_outputs.hpp"
#include "cli/resume.hpp"
#include "cli/run_session.hpp"
#include "cli/tls_options.hpp"
#include "core/exit_codes.hpp"

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
}

int run_run_command(const RunOptions& o, const GlobalOptions& global, Io& io) {
  auto prepared = prepare_run(o, io);
  if (prepared) {
    if (auto tls = apply_tls_options(prepared->scenario, prepared->insecure, io); !tls) prepared = tl::unexpected(tls.error());
  }
  if (!prepared) {  // nothing has been sent
    io.err << render_error(prepared.error());
    return to_int(ExitCode::usage);
  }
  if (already_complete(*prepared, global, io)) return to_int(ExitCode::ok);
  RunSession session(std::move(*prepared), o, global, io);
  if (auto opened = session.open(); !opened) {
    io.err << render_error(opened.error());
    return to_int(ExitCode::run_failed);
  }
  auto result = session.execute();
  if (!result) {
    io.err << render_error(result.error());
    return to_int(ExitCode::run_failed);
  }
  return to_int(session.finish(*result));
}

}  // namespace ttft::cli
