// cli::main itself: help, version, and the usage errors it maps to exit 2 before any subcommand
// runs (unknown subcommand or flag, none given, a bad value for a checked option).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/exit_codes.hpp"
#include "core/version.hpp"
#include "unit/cli/cli_harness.hpp"

using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::run_cli;

TEST_CASE("cli: --help lists every subcommand and the exit codes on stdout, exit 0") {
  const auto help = run_cli({"--help"});
  CHECK(help.exit_code == to_int(ExitCode::ok));
  CHECK(help.err.empty());
  CHECK(help.out.rfind("ttftbench: is the edge model faster to first token, and cheaper, than the central one?\n", 0) ==
        0);
  for (const char* subcommand : {"run", "validate", "probe", "serve", "report", "compare", "whatif"}) {
    INFO(subcommand);
    CHECK(contains(help.out, "\n  " + std::string(subcommand) + " "));
  }
  CHECK(contains(help.out,
                 "Exit codes: 0 success; 1 an --assert failed or compare found a regression;\n"
                 "2 usage or scenario error (nothing was sent); 3 the run could not be completed;\n"
                 "130 interrupted (what was measured is kept)."));
}

TEST_CASE("cli: a subcommand's --help shows its own flags, exit 0") {
  const auto report = run_cli({"report", "--help"});
  CHECK(report.exit_code == to_int(ExitCode::ok));
  CHECK(contains(report.out, "--format TEXT:{table,markdown,csv,json,html}"));
  CHECK(contains(report.out, "--assert"));
  const auto run = run_cli({"run", "--help"});
  CHECK(run.exit_code == to_int(ExitCode::ok));
  for (const char* flag : {"--out", "--seed", "--region", "--shard", "--resume", "--insecure", "--live", "--no-live"}) {
    INFO(flag);
    CHECK(contains(run.out, flag));
  }
}

TEST_CASE("cli: --version prints the tool's version, exit 0") {
  const auto version = run_cli({"--version"});
  CHECK(version.exit_code == to_int(ExitCode::ok));
  CHECK(version.out == std::string("ttftbench ") + ttft::kVersion + "\n");
  CHECK(version.err.empty());
}

TEST_CASE("cli: usage errors exit 2 with one located message and a hint, nothing on stdout") {
  struct Case {
    std::vector<std::string> args;
    const char* message;  // the first line of stderr
  };
  const Case cases[] = {
      {{}, "ttftbench: error: a subcommand is required: run, report, whatif, compare, validate, probe or serve"},
      {{"bogus"}, "ttftbench: error: the following argument was not expected: bogus"},
      {{"--bogus"}, "ttftbench: error: the following argument was not expected: --bogus"},
      {{"report", "--bogus", "folder"}, "ttftbench: error: the following argument was not expected: --bogus"},
      {{"validate"}, "ttftbench: error: scenario is required"},
      {{"report", "folder", "--format", "xml"},
       "ttftbench: error: --format: xml not in {table,markdown,csv,json,html}"},
      {{"compare", "a", "b", "--format", "csv"}, "ttftbench: error: --format: csv not in {table,markdown,json}"},
      {{"report", "folder", "--by", "country"}, "ttftbench: error: --by: country not in {region,pop}"},
      {{"run", "s.json", "--live", "--no-live"}, "ttftbench: error: --live excludes --no-live"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    const auto result = run_cli(c.args);
    CHECK(result.exit_code == to_int(ExitCode::usage));
    CHECK(result.out.empty());
    CHECK(result.err == std::string(c.message) + "\n  hint: see 'ttftbench --help'\n");
  }
}

TEST_CASE("cli: global flags are accepted after the subcommand too") {
  const auto quiet_after = run_cli({"validate", "--quiet", "--no-color", "nowhere.json"});
  const auto quiet_before = run_cli({"--quiet", "--no-color", "validate", "nowhere.json"});
  CHECK(quiet_after.exit_code == to_int(ExitCode::usage));  // the missing file, not the flags
  CHECK(quiet_after.err == quiet_before.err);
  CHECK(contains(quiet_after.err, "nowhere.json"));
}
