#include "cli/run_command.hpp"

#include <ostream>

#include "cli/gate_outputs.hpp"
#include "cli/run_session.hpp"
#include "core/exit_codes.hpp"

namespace ttft::cli {

void setup_run_command(CLI::App& app, RunOptions& o) {
  auto* cmd = app.add_subcommand("run", "Run a scenario: alternate requests between targets, write results");
  cmd->add_option("scenario", o.scenario_path, "Scenario file (JSON with comments)")->required();
  cmd->add_option("--out", o.out_dir, "Results folder (default results/<name>-<UTC>[-<region>])");
  cmd->add_option("--seed", o.seed, "Seed for the order of targets and arrivals (default: scenario's, else random)");
  cmd->add_option("--region", o.region, "Label for where this client runs (tags rows and the folder)");
  cmd->add_option("--assert", o.asserts, kAssertHelp)->allow_extra_args(false);  // one EXPR per --assert
  cmd->add_option("--summary-md", o.summary_md, "Also write the Markdown report (and assertions) to this file");
}

int run_run_command(const RunOptions& o, const GlobalOptions& global, Io& io) {
  auto prepared = prepare_run(o, io);
  if (!prepared) {  // nothing has been sent
    io.err << render_error(prepared.error());
    return to_int(ExitCode::usage);
  }
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
