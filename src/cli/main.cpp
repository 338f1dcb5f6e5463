#include "cli/main.hpp"

#include <exception>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/compare_command.hpp"
#include "cli/global_options.hpp"
#include "cli/probe_command.hpp"
#include "cli/report_command.hpp"
#include "cli/run_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/validate_command.hpp"
#include "cli/whatif_command.hpp"
#include "core/error.hpp"
#include "core/exit_codes.hpp"
#include "core/version.hpp"

namespace ttft::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 an --assert failed or compare found a regression;\n"
    "2 usage or scenario error (nothing was sent); 3 the run could not be completed;\n"
    "130 interrupted (what was measured is kept).";

/// CLI11's message with its first letter lowered, as our messages are written.
std::string lowered(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && (text.size() < 2 || text[1] < 'A' || text[1] > 'Z')) {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

}  // namespace

int main(int argc, const char* const* argv, Io& io) {
  CLI::App app{"ttftbench: is the edge model faster to first token, and cheaper, than the central one?",
               "ttftbench"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("ttftbench ") + kVersion);
  app.require_subcommand(0, 1);  // "none given" is reported after parsing, so a bad flag is named first
  GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print only results, no progress")->configurable(false);
  app.add_flag("--no-color", global.no_color, "No colours (also when NO_COLOR is set)");
  app.add_flag("-v,--verbose", global.verbose, "Trace each request and response on stderr (secrets redacted)");
  RunOptions run;
  run.argv.assign(argv, argv + argc);
  setup_run_command(app, run);
  ValidateOptions validate;
  setup_validate_command(app, validate);
  ProbeOptions probe;
  setup_probe_command(app, probe);
  ServeOptions serve;
  setup_serve_command(app, serve);
  ReportOptions report;
  setup_report_command(app, report);
  CompareOptions compare;
  setup_compare_command(app, compare);
  WhatifOptions whatif;
  setup_whatif_command(app, whatif);
  for (auto* sub : app.get_subcommands({})) sub->fallthrough();  // global flags after the subcommand

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    const auto* sub = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    io.out << sub->help();
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForVersion& version) {
    io.out << version.what() << "\n";
    return to_int(ExitCode::ok);
  } catch (const CLI::ParseError& error) {
    io.err << render_error(Error{"", lowered(error.what()), "see 'ttftbench --help'"});
    return to_int(ExitCode::usage);
  }

  if (app.get_subcommands().empty()) {
    io.err << render_error(Error{"", "a subcommand is required: run, report, whatif, compare, validate, probe or serve",
                                 "see 'ttftbench --help'"});
    return to_int(ExitCode::usage);
  }
  try {
    if (app.got_subcommand("run")) return run_run_command(run, global, io);
    if (app.got_subcommand("validate")) return run_validate_command(validate, global, io);
    if (app.got_subcommand("probe")) return run_probe_command(probe, global, io);
    if (app.got_subcommand("serve")) return run_serve_command(serve, global, io);
    if (app.got_subcommand("report")) return run_report_command(report, global, io);
    if (app.got_subcommand("compare")) return run_compare_command(compare, global, io);
    if (app.got_subcommand("whatif")) return run_whatif_command(whatif, global, io);
  } catch (const std::exception& error) {
    io.err << render_error(Error{"", fmt::format("internal error: {}", error.what()),
                                 "please report this with the command line you ran"});
    return to_int(ExitCode::run_failed);
  }
  return to_int(ExitCode::usage);
}

}  // namespace ttft::cli
