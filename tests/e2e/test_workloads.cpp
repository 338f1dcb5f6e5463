// Workloads as a user runs them (docs/scenario.md ("Prompt and output lengths"), ("Conversations")):
// synthetic prompt lengths against the simulator, and conversations against a server that logs
// every body. Live sockets: counts and contents, never exact timings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::BackgroundProcess;
using ttft::test::CsvTable;
using ttft::test::parse_csv;
using ttft::test::read_file;
using ttft::test::run_ttftbench_in;
using ttft::test::TempDir;

namespace {

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

CsvTable run_and_read(const TempDir& dir, const std::string& scenario) {
  write_text(dir / "s.json", scenario);
  const auto result = run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out"}, {}, {},
                                       std::chrono::seconds(60));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  write_text(dir / "stdout.txt", result.out);
  return parse_csv(read_file(dir / "out/samples.csv"));
}

std::int64_t as_int(const std::string& cell) { return std::stoll(cell); }

/// The server's reply names its first three words of the last user message (chat_echo_server.py).
std::string first_words(const std::string& text) {
  std::istringstream words(text);
  std::string word, out;
  for (int i = 0; i < 3 && words >> word; ++i) out += (i ? " " : "") + word;
  return out;
}

}  // namespace

TEST_CASE("lognormal prompt lengths: the drawn lengths have the configured median and the simulator counts them") {
  TempDir dir;
  const CsvTable rows = run_and_read(dir, R"({
    "name": "lengths", "seed": 11,
    "targets": { "a": {"protocol": "openai-chat", "url": "sim://fast", "sim": {"output_tokens": 2}},
                 "b": {"protocol": "anthropic", "url": "sim://fast", "sim": {"output_tokens": 2}} },
    "workload": { "input_tokens": {"dist": "lognormal", "median": 300, "sigma": 0.5}, "max_tokens": 4 },
    "phases": [ { "name": "warm", "requests": 150, "concurrency": 8 } ] })");
  REQUIRE(rows.rows.size() == 300);
  std::map<std::string, std::vector<std::int64_t>> drawn;
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    INFO("row " << i);
    REQUIRE(rows.cell(i, "error").empty());
    const std::int64_t requested = as_int(rows.cell(i, "input_tokens_requested"));
    // The simulator counts ceil(bytes / 4); the prompt-cache nonce adds 17 bytes.
    CHECK(as_int(rows.cell(i, "input_tokens")) == requested + 5);
    CHECK(as_int(rows.cell(i, "max_tokens_requested")) == 4);
    drawn[rows.cell(i, "target")].push_back(requested);
  }
  // The k-th request of each target draws the same length.
  CHECK(drawn["a"].size() == 150);
  auto a = drawn["a"], b = drawn["b"];
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK(a == b);
  // Median of 150 lognormal draws: its standard error is about 1.2533 · sigma / sqrt(n) in log
  // space (0.051 here); four of them (±20%) make a false failure vanishingly rare.
  const double median = static_cast<double>(a[74] + a[75]) / 2;
  CHECK(std::abs(std::log(median / 300.0)) < 4 * 1.2533 * 0.5 / std::sqrt(150.0));
}

TEST_CASE("a 3-turn conversation sends the earlier turns with the replies the server really sent") {
  TempDir dir;
  const fs::path log = dir / "bodies.jsonl";
  BackgroundProcess server({"python3", std::string(TTFT_SOURCE_DIR) + "/tests/e2e/chat_echo_server.py", log.string()});
  const auto listening = server.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  const std::string base = listening->substr(listening->find("http://"));
  const std::string url = base + "/v1/chat/completions";
  write_text(dir / "turns.jsonl", "{\"prompt\": \"first user turn\"}\n{\"prompt\": \"second user turn\"}\n"
                                  "{\"prompt\": \"third user turn\"}\n");
  const CsvTable rows = run_and_read(dir, R"({
    "name": "conv", "seed": 5,
    "targets": { "a": {"protocol": "openai-chat", "url": ")" + url + R"(", "model": "m"},
                 "b": {"protocol": "openai-chat", "url": ")" + url + R"(", "model": "m"} },
    "workload": { "prompts_file": "turns.jsonl", "conversation": {"turns": 3, "think_time": "10ms"} },
    "phases": [ { "name": "chat", "requests": 6, "concurrency": 2 } ] })");
  REQUIRE(rows.rows.size() == 12);  // 2 targets × 2 conversations × 3 turns

  // Every body, keyed by the reply the server gave it: turn k's body must end with turn k's user
  // message after exactly the earlier turns, each followed by the reply the server sent for it.
  std::vector<nlohmann::json> bodies;
  std::istringstream lines(read_file(log));
  for (std::string line; std::getline(lines, line);) bodies.push_back(nlohmann::json::parse(line)["messages"]);
  REQUIRE(bodies.size() == 12);
  std::map<std::size_t, std::size_t> by_turn_count;  // messages in a body → bodies
  for (std::size_t n = 0; n < bodies.size(); ++n) {
    const auto& messages = bodies[n];
    ++by_turn_count[messages.size()];
    for (std::size_t i = 1; i + 1 < messages.size(); i += 2) {
      // An assistant message is the reply the server sent to the body that ended just before it.
      REQUIRE(messages[i]["role"] == "assistant");
      const std::string reply = messages[i]["content"];
      const std::size_t replied = std::stoul(reply.substr(6, reply.find(' ', 6) - 6)) - 1;
      REQUIRE(replied < bodies.size());
      const auto& earlier = bodies[replied];
      CHECK(earlier.size() == i);
      for (std::size_t j = 0; j < i; ++j) CHECK(earlier[j] == messages[j]);
      CHECK(reply == "reply " + std::to_string(replied + 1) + " to: " +
                         first_words(earlier.back()["content"].get<std::string>()));
    }
  }
  CHECK(by_turn_count == std::map<std::size_t, std::size_t>{{1, 4}, {3, 4}, {5, 4}});

  std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> turns;  // (target, conversation)
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    turns[{rows.cell(i, "target"), rows.cell(i, "conversation")}].push_back(as_int(rows.cell(i, "turn")));
  }
  REQUIRE(turns.size() == 4);
  for (auto& [key, list] : turns) {
    std::sort(list.begin(), list.end());
    CHECK(list == std::vector<std::int64_t>{1, 2, 3});
  }
}

TEST_CASE("a 50-line Mooncake trace replays every line to every target at its time") {
  TempDir dir;
  const std::string trace = std::string(TTFT_FIXTURES_DIR) + "/traces/mooncake.jsonl";
  std::vector<nlohmann::json> lines;
  std::istringstream text(read_file(trace));
  for (std::string line; std::getline(text, line);) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 50);
  constexpr double kSpeedup = 16;  // the trace's 32 s in 2 s
  const CsvTable rows = run_and_read(dir, R"({
    "name": "replay", "seed": 3,
    "targets": { "a": {"protocol": "openai-chat", "url": "sim://fast"},
                 "b": {"protocol": "gemini", "url": "sim://fast"} },
    "workload": { "max_tokens": 8 },
    "phases": [ { "name": "replay", "trace": ")" + trace + R"(", "speedup": 16 } ] })");
  REQUIRE(rows.rows.size() == 100);

  std::map<std::string, std::vector<std::size_t>> by_target;  // row indexes in start order
  std::vector<std::size_t> order(rows.rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return as_int(rows.cell(x, "seq")) < as_int(rows.cell(y, "seq"));
  });
  for (const std::size_t i : order) by_target[rows.cell(i, "target")].push_back(i);
  REQUIRE(by_target.size() == 2);
  // The replay's start: the first row's start less its own lateness.
  const double first_start_ms = static_cast<double>(ttft::test::parse_utc_ms(rows.cell(order.front(), "started_at"))) -
                                std::stod(rows.cell(order.front(), "send_lag_ms"));
  for (const auto& [target, indexes] : by_target) {
    INFO(target);
    REQUIRE(indexes.size() == 50);
    for (std::size_t k = 0; k < 50; ++k) {
      INFO("line " << k + 1);
      const std::size_t row = indexes[k];
      CHECK(rows.cell(row, "error").empty());
      CHECK(as_int(rows.cell(row, "input_tokens_requested")) == lines[k]["input_length"].get<std::int64_t>());
      CHECK(as_int(rows.cell(row, "max_tokens_requested")) == lines[k]["output_length"].get<std::int64_t>());
      // Open loop: the start's lateness is recorded, and the start lies at the line's time
      // (started_at has millisecond resolution; the lateness bound is generous for shared CPUs).
      REQUIRE_FALSE(rows.cell(row, "send_lag_ms").empty());
      const double lag_ms = std::stod(rows.cell(row, "send_lag_ms"));
      CHECK(lag_ms >= 0);
      CHECK(lag_ms < 100);
      const double due_ms = (lines[k]["timestamp"].get<double>() - lines[0]["timestamp"].get<double>()) / kSpeedup;
      const double started_ms = static_cast<double>(ttft::test::parse_utc_ms(rows.cell(row, "started_at"))) - first_start_ms;
      CHECK(started_ms >= due_ms - 2);
      CHECK(started_ms <= due_ms + lag_ms + 2);
    }
  }
}

namespace {

nlohmann::json run_sweep(const TempDir& dir, const std::string& scenario) {
  run_and_read(dir, scenario);
  const auto summary = nlohmann::json::parse(read_file(dir / "out/summary.json"));
  REQUIRE(summary.contains("sweeps"));
  REQUIRE(summary["sweeps"].size() == 1);
  return summary["sweeps"][0];
}

const nlohmann::json& target_of(const nlohmann::json& sweep, const std::string& name) {
  for (const auto& target : sweep["targets"]) {
    if (target["target"] == name) return target;
  }
  throw std::runtime_error("no target " + name + " in the sweep");
}

}  // namespace

TEST_CASE("an input_tokens sweep fits each target's prefill rate and the crossover computed by hand") {
  TempDir dir;
  // TTFT = network + warm median + prefill × input tokens: a = 70 ms, b = 0.08 ms a token (edge);
  // a = 235 ms, b = 0.02 (central). By hand the lines cross at (235 − 70) / (0.08 − 0.02) = 2,750.
  // The client's TTFT also holds sending the prompt, which grows with its length: about 0.1 ms per
  // 1,000 tokens here, 0.4 under the sanitizers. A latency spread like real endpoints' (sigma 0.2)
  // keeps that small beside the intervals, as it is in real measurements.
  const auto sweep = run_sweep(dir, R"({
    "name": "lengths", "seed": 5,
    "targets": {
      "edge": {"protocol": "workers-ai", "url": "sim://edge",
               "sim": {"network_ms": 10, "warm": {"median_ms": 60, "sigma": 0.2}, "prefill_ms_per_input_token": 0.08,
                       "scale_to_zero_after_s": 0, "output_tokens": 2, "token_interval_ms": 5}},
      "central": {"protocol": "openai-chat", "url": "sim://central",
                  "sim": {"network_ms": 35, "warm": {"median_ms": 200, "sigma": 0.2}, "prefill_ms_per_input_token": 0.02,
                          "scale_to_zero_after_s": 0, "output_tokens": 2, "token_interval_ms": 5}} },
    "workload": { "max_tokens": 2 },
    "phases": [ { "name": "len", "requests": 8, "concurrency": 4, "input_tokens": [256, 1024, 2048, 4096, 8192] } ] })");
  CHECK(sweep["parameter"] == "input_tokens");
  for (const auto& [name, rate_per_1k] : std::vector<std::pair<std::string, double>>{{"edge", 80}, {"central", 20}}) {
    INFO(name);
    const auto& fit = target_of(sweep, name)["fit"];
    REQUIRE(fit.is_object());
    CHECK(fit["n"] == 40);
    const double slope = fit["slope_ms_per_1k_tokens"];
    CHECK(std::abs(slope - rate_per_1k) <= 0.10 * rate_per_1k);
    CHECK(fit["slope_ci_low"].get<double>() <= rate_per_1k);
    CHECK(fit["slope_ci_high"].get<double>() >= rate_per_1k);
  }
  REQUIRE(sweep["crossovers"].size() == 1);
  const auto& crossover = sweep["crossovers"][0];
  REQUIRE(crossover["input_tokens"].is_number());
  CHECK(std::abs(crossover["input_tokens"].get<double>() - 2750) <= 0.15 * 2750);
  const std::string text = crossover["text"];
  CHECK(text.find("edge is faster below") == 0);
  // The same sweep in every format the run writes: the terminal, report.md, report.html, summary.csv.
  for (const char* file : {"stdout.txt", "out/report.md", "out/report.html"}) {
    INFO(file);
    const std::string report = read_file(dir / file);
    CHECK(report.find("Sweep: len (input_tokens)") != std::string::npos);
    CHECK(report.find(text) != std::string::npos);
  }
  const CsvTable summary = parse_csv(read_file(dir / "out/summary.csv"));
  std::size_t slopes = 0;
  for (std::size_t i = 0; i < summary.rows.size(); ++i) slopes += summary.cell(i, "metric") == "ttft_fit_slope";
  CHECK(slopes == 2);
}

TEST_CASE("a concurrency sweep against a simulator with 3 slots saturates at the first level past 3") {
  TempDir dir;
  // One request: 100 ms to the first event, then 4 tokens 25 ms apart: 0.2 s, so 3 slots serve at
  // most 3 / 0.2 s = 15 requests/s.
  const auto sweep = run_sweep(dir, R"({
    "name": "capacity", "seed": 9,
    "targets": {
      "small": {"protocol": "openai-chat", "url": "sim://fast",
                "sim": {"slots": 3, "warm": {"median_ms": 100, "sigma": 0}, "output_tokens": 4, "token_interval_ms": 25}},
      "large": {"protocol": "openai-chat", "url": "sim://fast",
                "sim": {"slots": 64, "warm": {"median_ms": 100, "sigma": 0}, "output_tokens": 4, "token_interval_ms": 25}} },
    "workload": { "input_tokens": 50, "max_tokens": 4 },
    "phases": [ { "name": "load", "requests": 18, "concurrency": [1, 2, 4, 8] } ] })");
  CHECK(sweep["parameter"] == "concurrency");
  const auto& small = target_of(sweep, "small");
  std::vector<double> throughput;
  for (const auto& point : small["points"]) throughput.push_back(point["requests_per_s"]);
  REQUIRE(throughput.size() == 4);
  // Below the slots throughput grows with concurrency (about 5 and 10 requests/s); from 4 on the
  // slots are full and it stays near 15.
  CHECK(throughput[0] == Approx(5).epsilon(0.2));
  CHECK(throughput[1] == Approx(10).epsilon(0.2));
  CHECK(throughput[2] == Approx(15).epsilon(0.2));
  CHECK(throughput[3] == Approx(15).epsilon(0.2));
  REQUIRE(small["saturation"]["value"].is_number());
  CHECK(small["saturation"]["value"] == 4);
  CHECK(small["saturation"]["basis"] == "throughput");
  CHECK(small["saturation"]["reached"] == true);
  // The large server never queues: its throughput still grows at the last level, a lower bound.
  const auto& large = target_of(sweep, "large")["saturation"];
  CHECK(large["reached"] == false);
  CHECK(large["value"] == 8);
  CHECK(large["text"].get<std::string>().find("no saturation in the measured range") != std::string::npos);
}
