// Secrets never leave the process: a random key from the environment goes into a
// scenario's headers and into probe's --header flags; then every command and flag that prints or
// writes something runs, and all of stdout, stderr and every file they wrote is searched for the
// key and for its base64 form. A finding names the command and the stream or file.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::BackgroundProcess;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::TempDir;
using ttft::test::ttftbench_bin;

namespace {

std::string random_secret() {
  std::random_device entropy;
  std::string hex;
  for (int i = 0; i < 4; ++i) hex += fmt::format("{:08x}", entropy());
  return "sk-test-" + hex;
}

std::string base64(const std::string& text) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    std::uint32_t group = 0;
    const std::size_t n = std::min<std::size_t>(3, text.size() - i);
    for (std::size_t j = 0; j < 3; ++j) group = group << 8 | (j < n ? static_cast<unsigned char>(text[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kAlphabet[(group >> (18 - 6 * j)) & 63] : '=';
  }
  return out;
}

/// The choices of a --format option as `--help` lists them ("{table,markdown,csv,json}").
std::vector<std::string> listed_formats(const std::string& help) {
  static const std::regex kFormats(R"(--format TEXT:\{([a-z,]+)\})");
  std::smatch m;
  std::vector<std::string> formats;
  if (!std::regex_search(help, m, kFormats)) return formats;
  std::string list = m[1].str() + ",";
  for (std::size_t at = list.find(','); at != std::string::npos; at = list.find(',')) {
    formats.push_back(list.substr(0, at));
    list.erase(0, at + 1);
  }
  return formats;
}

/// Searches text for the secret and its base64 form and keeps where each finding was.
class LeakAudit {
 public:
  explicit LeakAudit(const std::string& secret) : needles_{secret, base64(secret)} {}

  void check(const std::string& where, const std::string& text) {
    ++searched_;
    for (const auto& needle : needles_) {
      if (const auto at = text.find(needle); at != std::string::npos) {
        const auto from = at < 40 ? 0 : at - 40;
        leaks_.push_back(fmt::format("{}: ...{}...", where, text.substr(from, needle.size() + 80)));
      }
    }
  }
  void check_command(const std::string& label, const ProcessResult& result) {
    check(label + ": stdout", result.out);
    check(label + ": stderr", result.err);
  }
  /// Every regular file under `dir`, named by its path relative to it.
  void check_files(const fs::path& dir) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file()) check("file " + fs::relative(entry.path(), dir).string(), read_file(entry.path()));
    }
  }
  const std::vector<std::string>& leaks() const { return leaks_; }
  int searched() const { return searched_; }

 private:
  std::vector<std::string> needles_;
  std::vector<std::string> leaks_;
  int searched_ = 0;
};

/// `ttftbench -v serve --log` with its stderr in a file (the fixture's server keeps stderr).
class VerboseServe {
 public:
  VerboseServe(const fs::path& log, const fs::path& err)
      : process_({"sh", "-c", "exec \"$0\" -v serve --port 0 --profile fast --log \"$1\" 2>\"$2\"", ttftbench_bin(),
                  log.string(), err.string()}) {
    const auto line = process_.read_line(std::chrono::seconds(10));
    const std::string prefix = "listening on http://127.0.0.1:";
    REQUIRE(line);
    REQUIRE(line->rfind(prefix, 0) == 0);
    base_ = "http://127.0.0.1:" + line->substr(prefix.size());
  }
  std::string url(const std::string& path) const { return base_ + path; }
  std::string stop() {
    process_.stop(SIGTERM, std::chrono::seconds(5));
    std::string rest;
    for (int i = 0; i < 100; ++i) {  // the lines it printed after the first, up to EOF
      const auto line = process_.read_line(std::chrono::seconds(1));
      if (!line) break;
      rest += *line + "\n";
    }
    return rest;
  }

 private:
  BackgroundProcess process_;
  std::string base_;
};

struct Command {
  std::string label;
  std::vector<std::string> args;
  int expected_exit;  // -1: 0 or 1
  std::vector<std::string> unset = {};
};

/// Where the commands run and what they are given.
struct Setup {
  fs::path work;          // every command's working folder; everything they write goes under it
  std::string secret;
  std::string scenario;   // secret_everywhere.json
  std::string closed;     // a URL on a port nobody listens on
  std::string endpoint;   // serve's openai-chat URL
  std::string out(const std::string& name) const { return (work / name).string(); }
};

std::vector<Command> scenario_commands(const Setup& s) {
  return {
      {"validate", {"validate", s.scenario}, 0},
      {"validate -v", {"-v", "validate", s.scenario}, 0},
      {"validate, missing variable", {"validate", s.scenario}, 2, {"TTFT_GREP_SUFFIX"}},
      {"run, missing variable", {"-v", "run", s.scenario, "--out", s.out("missing")}, 2, {"TTFT_GREP_SUFFIX"}},
      {"run", {"run", s.scenario, "--out", s.out("run")}, 0},
      {"run -v", {"-v", "--no-color", "run", s.scenario, "--out", s.out("run-v")}, 0},
      {"run --quiet", {"--quiet", "run", s.scenario, "--out", s.out("run-quiet")}, 0},
      {"run (default folder)", {"run", s.scenario}, 0},
      {"run --region --summary-md --assert (passing)",
       {"run", s.scenario, "--out", s.out("run-region"), "--region", "eu", "--summary-md", s.out("region.md"),
        "--assert", "ok.warm.error_rate < 1%"},
       0},
      {"run --assert (failing)",
       {"-v", "run", s.scenario, "--out", s.out("run-assert"), "--summary-md", s.out("assert.md"), "--assert",
        "quoted.warm.error_rate < 1%"},
       1},
  };
}

/// probe with the key in Authorization and x-api-key; to the closed port also as X-Request-Id
/// (the request id is the server's to log, as serve --log does, so only there it goes nowhere).
std::vector<Command> probe_commands(const Setup& s) {
  std::vector<Command> commands = {
      {"probe", {"probe", s.endpoint}, 0},
      {"probe --json", {"probe", s.endpoint, "--json"}, 0},
      {"probe -v", {"-v", "probe", s.endpoint}, 0},
      {"probe -v --json, quoted back in an HTTP 400",
       {"-v", "probe", s.endpoint, "--json", "--header", "x-sim-fault: " + s.secret}, 3},
      {"probe -v, closed port", {"-v", "probe", s.closed, "--header", "X-Request-Id: " + s.secret}, 3},
      {"probe --json, closed port", {"probe", s.closed, "--json", "--header", "X-Request-Id: " + s.secret}, 3},
  };
  for (auto& command : commands) {
    command.args.insert(command.args.end(), {"--protocol", "openai-chat", "--header", "Authorization: Bearer " +
                                             s.secret, "--header", "x-api-key: " + s.secret});
  }
  return commands;
}

/// report and compare on the runs' folders, in every format their --help lists.
std::vector<Command> report_commands(const Setup& s) {
  std::vector<Command> commands = {
      {"report --by region", {"report", s.out("run"), s.out("run-region"), "--by", "region"}, 0},
      {"report --by pop --summary-md --assert",
       {"-v", "report", s.out("run-v"), "--by", "pop", "--summary-md", s.out("report.md"), "--assert",
        "quoted.warm.error_rate < 1%"},
       1},
  };
  const auto report_formats = listed_formats(ttft::test::run_process({ttftbench_bin(), "report", "--help"}).out);
  REQUIRE(report_formats.size() >= 4);  // table, markdown, csv, json at least
  for (const auto& format : report_formats) {
    commands.push_back({"report --format " + format, {"report", s.out("run-v"), "--format", format}, 0});
  }
  // compare is optional in a build; when present, every format too.
  const auto compare_help = ttft::test::run_process({ttftbench_bin(), "compare", "--help"});
  if (compare_help.exit_code != 0) return commands;
  for (const auto& format : listed_formats(compare_help.out)) {
    commands.push_back({"compare --format " + format,
                        {"compare", s.out("run"), s.out("run-v"), "--format", format, "--summary-md",
                         s.out("compare-" + format + ".md")},
                        -1});  // 0, or 1 if the shared CPU made a significant difference
  }
  return commands;
}

/// The commands did what they are there for: the key went out (and came back), the trace ran.
void check_commands_worked(const Setup& s, const std::vector<Command>& commands,
                           const std::vector<ProcessResult>& results) {
  const auto result_of = [&](const std::string& label) -> const ProcessResult& {
    const auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.label == label; });
    REQUIRE(it != commands.end());
    return results.at(static_cast<std::size_t>(it - commands.begin()));
  };
  CHECK(result_of("run -v").err.find("> Authorization: ***") != std::string::npos);
  CHECK(result_of("run -v").err.find("> X-Request-Id: ***") != std::string::npos);
  CHECK(result_of("probe -v, closed port").err.find("> X-Request-Id: ***") != std::string::npos);
  CHECK(result_of("run, missing variable").err.find("TTFT_GREP_SUFFIX is not set") != std::string::npos);
  const auto csv = ttft::test::parse_csv(read_file(s.work / "run" / "samples.csv"));
  REQUIRE(csv.rows.size() == 8);
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    const auto& target = csv.cell(row, "target");
    INFO(target);
    CHECK(csv.cell(row, "error") == (target == "quoted" ? "http_4xx" : target == "refused" ? "connect" : ""));
    if (target == "quoted") CHECK(csv.cell(row, "error_detail").find(R"(unknown x-sim-fault \"***\")") != std::string::npos);
    if (target == "tagged") CHECK(csv.cell(row, "request_id") == "***");
  }
  const auto& quoted_probe = result_of("probe -v --json, quoted back in an HTTP 400");
  CHECK(quoted_probe.out.find("\"error\":\"http_4xx\"") != std::string::npos);
  CHECK(quoted_probe.err.find("unknown x-sim-fault") != std::string::npos);
  CHECK(fs::exists(s.work / "step-summary.md"));
  CHECK(fs::exists(s.work / "serve.log"));
}

}  // namespace

TEST_CASE("a secret reaches no output of any command, flag or results file") {
  TempDir tmp;
  Setup s{tmp / "work", random_secret(), ttft::test::scenario_fixture("e2e", "secret_everywhere.json").string(),
          fmt::format("http://127.0.0.1:{}/v1/chat/completions", ttft::test::closed_port()), ""};
  fs::create_directories(s.work);
  VerboseServe serve(s.work / "serve.log", s.work / "serve.err");
  s.endpoint = serve.url("/v1/chat/completions");
  const std::vector<std::string> env = {"TTFT_GREP_SECRET=" + s.secret, "TTFT_GREP_SUFFIX=",
                                        "TTFT_GREP_CLOSED_URL=" + s.closed,
                                        "GITHUB_STEP_SUMMARY=" + s.out("step-summary.md")};
  std::vector<Command> commands;
  for (auto&& group : {scenario_commands(s), probe_commands(s), report_commands(s)}) {
    commands.insert(commands.end(), group.begin(), group.end());
  }

  LeakAudit audit(s.secret);
  std::vector<ProcessResult> results;
  for (const auto& command : commands) {
    auto result = ttft::test::run_ttftbench_in(s.work, command.args, command.unset, env, std::chrono::seconds(60));
    INFO(command.label << "\n" << result.err);
    if (command.expected_exit >= 0) {
      CHECK(result.exit_code == command.expected_exit);
    } else {
      CHECK((result.exit_code == 0 || result.exit_code == 1));
    }
    audit.check_command(command.label, result);
    results.push_back(std::move(result));
  }
  audit.check("serve -v: stdout", serve.stop());
  audit.check_files(s.work);  // results folders, --summary-md files, serve's log and stderr
  check_commands_worked(s, commands, results);

  INFO(audit.searched() << " outputs searched");
  for (const auto& leak : audit.leaks()) FAIL_CHECK("the secret appeared in " << leak);
  CHECK(audit.searched() > 2 * static_cast<int>(commands.size()));
}
