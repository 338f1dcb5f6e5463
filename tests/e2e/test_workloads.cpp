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
