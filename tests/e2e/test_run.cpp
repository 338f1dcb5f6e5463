// `ttftbench run` and `validate` as a user runs them: scenario errors, open-loop pacing, Ctrl-C,
// secrets, row counts and failed runs. Live sockets: bounds and orderings, never exact timings.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::BackgroundProcess;
using ttft::test::CsvTable;
using ttft::test::parse_csv;
using ttft::test::parse_utc_ms;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;
using ttft::test::ttftbench_bin;

namespace {

// docs/results.md ("Columns"), in this order, the appended columns last (first_token_kind, then honest A/B's
// five, then the workload's five).
const std::vector<std::string> kSampleColumns = {
    "run_id", "region", "shard", "phase", "cold", "seq", "target", "protocol", "model", "request_id",
    "started_at", "send_lag_ms", "idle_before_s", "connection_reused", "pop", "http_status", "error",
    "error_detail", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms", "ttft_ms", "first_token_ms", "e2e_ms",
    "input_tokens", "output_tokens", "token_source", "events", "itl_p50_ms", "itl_p95_ms", "decode_tps",
    "cost_usd", "first_token_kind", "first_answer_ms", "reasoning_tokens", "cached_input_tokens",
    "cache_write_tokens", "http_version", "input_tokens_requested", "max_tokens_requested", "sweep_value",
    "conversation", "turn", "vectors", "dimensions", "correct", "browser_ttft_ms", "browser_paint_ms"};

const std::string kSecret = "sk-live-SUPERSECRET-123456";

std::string e2e_scenario(const std::string& name) { return scenario_fixture("e2e", name).string(); }

/// `ttftbench [global...] run SCENARIO --out OUT` with `env` added.
ProcessResult run_scenario(const std::string& scenario, const fs::path& out,
                           const std::vector<std::string>& global = {},
                           const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {ttftbench_bin()};
  argv.insert(argv.end(), global.begin(), global.end());
  argv.insert(argv.end(), {"run", scenario, "--out", out.string()});
  return run_process(argv, std::chrono::seconds(30), env);
}

CsvTable read_samples(const fs::path& out) { return parse_csv(read_file(out / "samples.csv")); }

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(read_file(path)); }

/// Row index by seq; a duplicate seq fails the test.
std::map<long, std::size_t> rows_by_seq(const CsvTable& csv) {
  std::map<long, std::size_t> rows;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    const long seq = std::stol(csv.cell(row, "seq"));
    INFO("seq " << seq);
    CHECK(rows.emplace(seq, row).second);
  }
  return rows;
}

std::vector<fs::path> invalid_scenarios() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(scenario_fixture("invalid", ""))) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// `expected` with "{known_protocols}" (the protocol module's list, as the unit test writes it)
/// replaced by the list `actual` shows there, when that is a one-line list naming openai-chat.
std::string with_protocol_list(const std::string& expected, const std::string& actual) {
  const std::string placeholder = "{known_protocols}";
  const auto at = expected.find(placeholder);
  if (at == std::string::npos) return expected;
  const std::string head = expected.substr(0, at);
  const std::string tail = expected.substr(at + placeholder.size());
  if (actual.size() < head.size() + tail.size() || actual.rfind(head, 0) != 0 ||
      actual.compare(actual.size() - tail.size(), tail.size(), tail) != 0) {
    return expected;
  }
  const std::string list = actual.substr(head.size(), actual.size() - head.size() - tail.size());
  if (list.find("openai-chat, ") == std::string::npos || list.find('\n') != std::string::npos) {
    return expected;
  }
  return head + list + tail;
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  return files;
}

bool is_error_line(const std::string& line) { return line.rfind("ttftbench: error: ", 0) == 0; }

/// Everything a BackgroundProcess printed on stdout, after it exited.
std::string remaining_stdout(BackgroundProcess& process) {
  std::string text;
  while (const auto line = process.read_line(std::chrono::seconds(2))) text += *line + "\n";
  return text;
}

/// A scenario with a healthy target and three that send the secret, repeated with a space between
/// copies and shifted by 0, 9 and 18 characters, as an unknown x-sim-fault. The simulator quotes
/// the value back in its 400 body; wherever among the copies error_detail's excerpt ends, one of the
/// three cuts a copy of the secret after at least 17 of its 26 characters.
fs::path write_secret_cut_scenario(const fs::path& dir) {
  std::string copies;
  for (int i = 0; i < 20; ++i) copies += "${TTFT_TEST_SECRET} ";
  nlohmann::json targets = {{"a", {{"protocol", "sse"}, {"url", "sim://fast"}}}};
  for (const int shift : {0, 9, 18}) {
    targets["b" + std::to_string(shift)] = {{"protocol", "sse"}, {"url", "sim://fast"},
                                            {"headers", {{"x-sim-fault", std::string(shift, 'p') + copies}}}};
  }
  nlohmann::json scenario = {{"name", "secret-cut"}, {"targets", targets}};
  scenario["workload"] = {{"messages", nlohmann::json::array({{{"role", "user"}, {"content", "hi"}}})},
                          {"max_tokens", 16}};
  scenario["phases"] = nlohmann::json::array({{{"name", "warm"}, {"requests", 1}, {"interval", "20ms"}}});
  scenario["timeouts"] = {{"connect", "2s"}, {"first_event", "5s"}, {"total", "10s"}};
  const fs::path path = dir / "secret_cut.json";
  std::ofstream(path) << scenario.dump(2);
  return path;
}

}  // namespace

TEST_CASE("every invalid scenario: validate and run exit 2 with the loader's exact error, nothing sent") {
  const auto fixtures = invalid_scenarios();
  REQUIRE(fixtures.size() >= 34);
  TempDir tmp;
  for (const fs::path& path : fixtures) {
    const std::string name = path.filename().string();
    INFO("fixture: " << name);
    // Like the unit test's getenv, which knows no variable: the missing-variable error is real.
    const auto unset = ttft::test::referenced_env_vars(read_file(path));
    const std::string expected = read_file(fs::path(path).replace_extension(".expected.txt"));

    const auto validate = ttft::test::run_ttftbench_in(path.parent_path(), {"validate", name}, unset);
    CHECK(validate.exit_code == 2);
    CHECK(validate.out.empty());
    CHECK(validate.err == with_protocol_list(expected, validate.err));

    const fs::path out = tmp / (path.stem().string() + "-out");
    const auto run =
        ttft::test::run_ttftbench_in(path.parent_path(), {"run", name, "--out", out.string()}, unset);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == with_protocol_list(expected, run.err));
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("open loop: a stalled target never delays later starts") {
  TempDir tmp;
  const auto run = run_scenario(e2e_scenario("open_loop_stall.json"), tmp / "out");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto csv = read_samples(tmp / "out");
  REQUIRE(csv.rows.size() == 20);
  const auto by_seq = rows_by_seq(csv);
  REQUIRE(by_seq.size() == 20);
  REQUIRE(by_seq.begin()->first == 0);
  REQUIRE(by_seq.rbegin()->first == 19);

  const std::int64_t first_start_ms = parse_utc_ms(csv.cell(by_seq.at(0), "started_at"));
  std::optional<std::size_t> first_stalled;
  for (const auto& [seq, row] : by_seq) {
    INFO("seq " << seq << ", target " << csv.cell(row, "target"));
    const std::string& lag = csv.cell(row, "send_lag_ms");
    REQUIRE_FALSE(lag.empty());
    CHECK(std::stod(lag) < 50.0);
    // Intended starts are 100 ms apart; each actual start is its own lag (< 50 ms) later, and
    // started_at has millisecond resolution.
    const std::int64_t offset_ms = parse_utc_ms(csv.cell(row, "started_at")) - first_start_ms;
    CHECK(offset_ms >= seq * 100 - 51);
    CHECK(offset_ms <= seq * 100 + 51);
    if (csv.cell(row, "target") == "healthy") {
      CHECK(csv.cell(row, "error").empty());
      continue;
    }
    // The stall (2 s) ends the stream without an event, well before first_event (5 s).
    CHECK(csv.cell(row, "error") == "truncated");
    CHECK(std::stod(csv.cell(row, "e2e_ms")) >= 1999.0);
    if (!first_stalled) first_stalled = row;
  }
  REQUIRE(first_stalled.has_value());
  // The last request was sent while the first stalled response was still open.
  const auto stalled_start_ms = static_cast<double>(parse_utc_ms(csv.cell(*first_stalled, "started_at")));
  const auto first_stalled_end_ms = stalled_start_ms + std::stod(csv.cell(*first_stalled, "e2e_ms"));
  CHECK(static_cast<double>(parse_utc_ms(csv.cell(by_seq.at(19), "started_at"))) < first_stalled_end_ms);
}

TEST_CASE("idle_before_s: empty only for a target's first request, 0 while one is still in flight") {
  TempDir tmp;
  const auto run = run_scenario(e2e_scenario("idle_before.json"), tmp / "out");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto csv = read_samples(tmp / "out");
  REQUIRE(csv.rows.size() == 6);
  for (const auto& [seq, row] : rows_by_seq(csv)) {
    const std::string& idle = csv.cell(row, "idle_before_s");
    INFO("seq " << seq << ", target " << csv.cell(row, "target") << ", idle_before_s '" << idle << "'");
    if (seq < 2) {
      CHECK(idle.empty());
    } else if (csv.cell(row, "target") == "quick") {
      // Its previous request ended (~60 ms) before this start (200 ms after the previous one).
      REQUIRE_FALSE(idle.empty());
      CHECK(std::stod(idle) > 0.0);
      CHECK(std::stod(idle) < 0.2);
    } else {
      // "slow": its first request (1 s) has not ended yet, so it was never idle.
      CHECK((!idle.empty() && std::stod(idle) == 0.0));
    }
  }
}

TEST_CASE("Ctrl-C keeps complete rows, writes the summaries and exits 130") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  BackgroundProcess run({ttftbench_bin(), "run", e2e_scenario("long_open_loop.json"), "--out", out.string()});
  REQUIRE(ttft::test::wait_for_csv_rows(out / "samples.csv", 5, std::chrono::seconds(10)));
  const auto exit_code = run.stop(SIGINT, std::chrono::seconds(10));
  REQUIRE(exit_code.has_value());
  CHECK(*exit_code == 130);
  CHECK(remaining_stdout(run).find("Time to first token") != std::string::npos);

  const std::string text = read_file(out / "samples.csv");
  REQUIRE_FALSE(text.empty());
  CHECK(text.back() == '\n');
  const auto csv = parse_csv(text);
  CHECK(csv.header == kSampleColumns);
  CHECK(csv.rows.size() >= 5);
  CHECK(csv.rows.size() < 100);
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    INFO("row " << row);
    REQUIRE(csv.rows[row].size() == csv.header.size());
    const std::string& error = csv.cell(row, "error");
    CHECK((error.empty() || error == "aborted"));
  }
  CHECK(fs::exists(out / "summary.csv"));
  const auto summary = read_json(out / "summary.json");
  CHECK(summary["samples"] == csv.rows.size());
  const auto manifest = read_json(out / "manifest.json");
  CHECK(manifest["interrupted"] == true);
  CHECK(manifest["ended_at"].is_string());
}

TEST_CASE("a secret from the environment reaches no output, trace or result file") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  const std::vector<std::string> env = {"TTFT_TEST_SECRET=" + kSecret};
  const std::string scenario = e2e_scenario("secret_headers.json");
  const auto run = run_scenario(scenario, out, {"-v"}, env);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("> Authorization: ***") != std::string::npos);  // the trace ran
  CHECK(run.err.find("> x-custom: ***") != std::string::npos);
  CHECK(run.out.find(kSecret) == std::string::npos);
  CHECK(run.err.find(kSecret) == std::string::npos);
  const auto files = files_under(out);
  CHECK(files.size() >= 5);
  for (const auto& file : files) {
    INFO(file.string());
    CHECK(read_file(file).find(kSecret) == std::string::npos);
  }

  const auto targets = read_json(out / "manifest.json")["scenario"]["targets"];
  CHECK(targets["a"]["headers"]["Authorization"] == "***");
  CHECK(targets["a"]["headers"]["x-custom"] == "***");
  CHECK(targets["b"]["headers"]["x-sim-fault"] == "***");
  // b's secret went out and came back in the simulator's 400 body: redacted in error_detail.
  const auto csv = read_samples(out);
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    if (csv.cell(row, "target") != "b") continue;
    CHECK(csv.cell(row, "error") == "http_4xx");
    CHECK(csv.cell(row, "error_detail").find("unknown x-sim-fault") != std::string::npos);
    CHECK(csv.cell(row, "error_detail").find("***") != std::string::npos);
  }

  const auto validate =
      run_process({ttftbench_bin(), "-v", "validate", scenario}, std::chrono::seconds(30), env);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.find(kSecret) == std::string::npos);
  CHECK(validate.err.find(kSecret) == std::string::npos);
}

TEST_CASE("no part of a secret survives where error_detail's excerpt cuts it") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  const auto run = run_scenario(write_secret_cut_scenario(tmp.path()).string(), out, {"-v"},
                                {"TTFT_TEST_SECRET=" + kSecret});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string secret_start = kSecret.substr(0, 12);
  CHECK(run.out.find(secret_start) == std::string::npos);
  CHECK(run.err.find(secret_start) == std::string::npos);
  for (const auto& file : files_under(out)) {
    const std::string text = read_file(file);
    const auto at = text.find(secret_start);
    INFO(file.string() << ": " << (at == std::string::npos ? "" : text.substr(at, 40)));
    CHECK(at == std::string::npos);
  }
}

TEST_CASE("run writes the rows validate counts, with the samples.csv columns in order") {
  const std::string scenario = e2e_scenario("small_cold_warm.json");
  const auto validate = run_process({ttftbench_bin(), "validate", scenario});
  REQUIRE(validate.exit_code == 0);
  const auto expected_rows = ttft::test::validate_request_count(validate.out);
  REQUIRE(expected_rows.has_value());
  CHECK(*expected_rows == 2 * (2 + 2 + 3));  // per target: cold 2, an idle sweep of 2 gaps, warm 3

  TempDir tmp;
  const auto run = run_scenario(scenario, tmp / "out");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto csv = read_samples(tmp / "out");
  CHECK(csv.header == kSampleColumns);
  REQUIRE(static_cast<std::int64_t>(csv.rows.size()) == *expected_rows);
  CHECK(rows_by_seq(csv).size() == csv.rows.size());
  std::map<std::string, int> rows_per_target;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    INFO("row " << row);
    REQUIRE(csv.rows[row].size() == kSampleColumns.size());
    CHECK(csv.cell(row, "cold") == (csv.cell(row, "phase") == "warm" ? "false" : "true"));
    CHECK(csv.cell(row, "error").empty());
    ++rows_per_target[csv.cell(row, "target")];
  }
  CHECK(rows_per_target == std::map<std::string, int>{{"central", 7}, {"edge", 7}});
}

TEST_CASE("a run where every request fails exits 3 with one error and keeps its results") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  const auto run = run_scenario(e2e_scenario("all_http_500.json"), out);
  CHECK(run.exit_code == 3);
  std::vector<std::string> lines;
  std::istringstream err(run.err);
  for (std::string line; std::getline(err, line);) lines.push_back(line);
  const auto error_line = std::find_if(lines.begin(), lines.end(), is_error_line);
  REQUIRE(error_line != lines.end());
  CHECK(std::count_if(lines.begin(), lines.end(), is_error_line) == 1);
  CHECK((error_line + 1 == lines.end() || (error_line + 1)->rfind("  hint: ", 0) == 0));

  const auto csv = read_samples(out);
  REQUIRE(csv.rows.size() == 6);
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    CHECK(csv.cell(row, "error") == "http_5xx");
    CHECK(csv.cell(row, "http_status") == "500");
  }
  for (const char* file : {"summary.csv", "report.md", "manifest.json"}) CHECK(fs::exists(out / file));
  const auto errors = read_json(out / "summary.json")["errors_by_class"];
  CHECK(errors["a"]["http_5xx"] == 3);
  CHECK(errors["b"]["http_5xx"] == 3);
}
