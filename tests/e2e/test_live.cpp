// run's live view as a user sees it: in a pseudo-terminal (util-linux's `script`) a ~3 s simulator
// run redraws the view and then prints the final tables; piped, or with --quiet, no view; a short
// run without --live keeps the progress line. Bounds on what was drawn, never exact timings.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "e2e/run_fixture.hpp"
#include "support/csv_table.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::ProcessResult;
using ttft::test::TempDir;

namespace {

const std::string kViewTitle = "live  live-view  ";
const std::string kTablesTitle = "Time to first token (ms)";
const std::string kProgressLine = "\r\x1b[2K[";  // ProgressLine's redraw on stderr

std::string quoted(const std::string& text) { return "'" + text + "'"; }

/// `ttftbench [global...] run live_view.json --out OUT [flags...]`.
std::vector<std::string> run_argv(const fs::path& out, const std::vector<std::string>& global,
                                  const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {ttft::test::ttftbench_bin()};
  argv.insert(argv.end(), global.begin(), global.end());
  argv.insert(argv.end(), {"run", ttft::test::scenario_fixture("e2e", "live_view.json").string(), "--out", out.string()});
  argv.insert(argv.end(), flags.begin(), flags.end());
  return argv;
}

/// The run in a pseudo-terminal (stdout and stderr both the terminal): what the terminal received.
ProcessResult run_in_pty(const fs::path& out, const std::vector<std::string>& global,
                         const std::vector<std::string>& flags, const std::vector<std::string>& env = {}) {
  const std::string script = ttft::test::require_tool({"script"}, "bsdutils");
  std::string command;
  for (const std::string& arg : run_argv(out, global, flags)) command += (command.empty() ? "" : " ") + quoted(arg);
  return ttft::test::run_process({script, "-q", "-e", "-c", command, "/dev/null"}, std::chrono::seconds(30), env);
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::size_t rows_of(const fs::path& out) {
  return ttft::test::parse_csv(ttft::test::read_file(out / "samples.csv")).rows.size();
}

}  // namespace

TEST_CASE("live view in a terminal: redrawn with each target's line, cleared, then the final tables") {
  TempDir dir;
  const ProcessResult r = run_in_pty(dir / "out", {}, {"--live"});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(count_of(r.out, kViewTitle) >= 2);  // refreshed at least once
  CHECK(count_of(r.out, "\nedge     warm ") >= 2);
  CHECK(count_of(r.out, "\ncentral  warm ") >= 2);
  CHECK(r.out.find("A/B p50 TTFT in warm: edge − central = ") != std::string::npos);
  CHECK(r.out.find("done/planned") != std::string::npos);
  // The view is cleared (cursor up over its lines, clear to the end), then the tables follow.
  const auto last_view = r.out.rfind(kViewTitle);
  const auto cleared = r.out.find("F\x1b[J", last_view);
  const auto tables = r.out.find(kTablesTitle);
  CHECK(cleared != std::string::npos);
  CHECK(tables != std::string::npos);
  CHECK(tables > cleared);
  CHECK(r.out.find(kProgressLine) == std::string::npos);  // the view replaces the progress line
  CHECK(rows_of(dir / "out") == 30);
}

TEST_CASE("live view: NO_COLOR keeps the view and the tables free of colour") {
  TempDir dir;
  const ProcessResult r = run_in_pty(dir / "out", {}, {"--live"}, {"NO_COLOR=1"});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(count_of(r.out, kViewTitle) >= 2);
  CHECK(r.out.find("\x1b[1m") == std::string::npos);
  CHECK(r.out.find("\x1b[31m") == std::string::npos);
  CHECK(r.out.find(kTablesTitle) != std::string::npos);
}

TEST_CASE("live view: --quiet in a terminal draws neither the view nor the progress line") {
  TempDir dir;
  const ProcessResult r = run_in_pty(dir / "out", {"--quiet"}, {"--live"});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(kViewTitle) == std::string::npos);
  CHECK(r.out.find(kProgressLine) == std::string::npos);
  CHECK(r.out.find(kTablesTitle) != std::string::npos);
  CHECK(rows_of(dir / "out") == 30);
}

TEST_CASE("live view: piped, --live draws nothing and stderr has no progress line") {
  TempDir dir;
  const ProcessResult r = ttft::test::run_process(run_argv(dir / "out", {}, {"--live"}));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(kViewTitle) == std::string::npos);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find(kTablesTitle) != std::string::npos);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("results: ") != std::string::npos);
}

TEST_CASE("live view: a run estimated under 30 s keeps the progress line unless --live") {
  TempDir dir;
  const ProcessResult r = run_in_pty(dir / "out", {}, {});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(kViewTitle) == std::string::npos);
  CHECK(r.out.find(kProgressLine) != std::string::npos);
  CHECK(r.out.find(kTablesTitle) != std::string::npos);
}
