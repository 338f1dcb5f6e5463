// outputs.jsonl as a user gets it (docs/results.md ("outputs.jsonl")): against a server that logs
// every body and answers with a reply it names, each line holds exactly the reply sent, beside a
// samples.csv row; error rows and non-streaming rows get lines; a key echoed back is redacted;
// kill -9 leaves only complete lines, as many as rows, and --resume appends the rest.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

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

using Key = std::tuple<std::string, std::string, long long>;  // target, phase, seq

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::vector<nlohmann::json> json_lines(const fs::path& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream text(read_file(path));
  for (std::string line; std::getline(text, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

/// outputs.jsonl after checking it ends with a line end (every line whole) and each line parses.
std::vector<nlohmann::json> complete_lines(const fs::path& folder) {
  const std::string text = read_file(folder / "outputs.jsonl");
  if (!text.empty()) CHECK(text.back() == '\n');
  return json_lines(folder / "outputs.jsonl");
}

std::multiset<Key> line_keys(const std::vector<nlohmann::json>& lines) {
  std::multiset<Key> keys;
  for (const auto& line : lines) keys.insert({line["target"], line["phase"], line["seq"].get<long long>()});
  return keys;
}

std::multiset<Key> row_keys(const CsvTable& csv) {
  std::multiset<Key> keys;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    keys.insert({csv.cell(row, "target"), csv.cell(row, "phase"), std::stoll(csv.cell(row, "seq"))});
  }
  return keys;
}

/// The server's reply names its first three words of the last user message (chat_echo_server.py).
std::string first_words(const std::string& text) {
  std::istringstream words(text);
  std::string word, out;
  for (int i = 0; i < 3 && words >> word; ++i) out += (i ? " " : "") + word;
  return out;
}

struct EchoServer {
  fs::path log;
  BackgroundProcess process;
  std::string url;

  explicit EchoServer(const fs::path& log_path)
      : log(log_path),
        process({"python3", std::string(TTFT_SOURCE_DIR) + "/tests/e2e/chat_echo_server.py", log_path.string()}) {
    const auto listening = process.read_line(std::chrono::seconds(10));
    REQUIRE(listening);
    url = listening->substr(listening->find("http://")) + "/v1/chat/completions";
  }
};

}  // namespace

TEST_CASE("outputs.jsonl: a line per row, holding exactly the reply the server sent, error rows too") {
  TempDir dir;
  EchoServer server(dir / "bodies.jsonl");
  write_text(dir / "prompts.jsonl", "{\"prompt\": \"alpha beta gamma delta\"}\n{\"prompt\": \"one two\"}\n"
                                    "{\"prompt\": \"x y z w v\"}\n");
  write_text(dir / "s.json", R"({
    "name": "outputs", "seed": 3,
    "targets": { "echo": {"protocol": "openai-chat", "url": ")" + server.url + R"(", "model": "m"},
                 "down": {"protocol": "openai-chat", "url": "http://127.0.0.1:1/v1/chat/completions"} },
    "workload": { "prompts_file": "prompts.jsonl" },
    "phases": [ { "name": "main", "requests": 6, "concurrency": 1 } ] })");
  const auto run = run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out", "--record-outputs"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const CsvTable csv = parse_csv(read_file(dir / "out/samples.csv"));
  const auto lines = complete_lines(dir / "out");
  REQUIRE(csv.rows.size() == 12);
  CHECK(line_keys(lines) == row_keys(csv));

  // The n-th body the server logged got "reply n to: <its last user message's first 3 words>".
  const auto bodies = json_lines(server.log);
  REQUIRE(bodies.size() == 6);
  std::set<std::string> sent;
  for (std::size_t n = 0; n < bodies.size(); ++n) {
    const std::string user = bodies[n]["messages"].back()["content"];
    sent.insert("reply " + std::to_string(n + 1) + " to: " + first_words(user));
  }
  std::set<std::string> recorded;
  std::map<std::string, std::string> prompt_of_index;
  std::map<std::string, int> sent_per_index;  // target + prompt_index → requests
  for (const auto& line : lines) {
    INFO(line.dump());
    CHECK(line["request_id"].get<std::string>().find("-" + line["target"].get<std::string>() + "-main-") !=
          std::string::npos);
    REQUIRE(line["prompt_index"].is_number_integer());
    const std::string index = std::to_string(line["prompt_index"].get<int>());
    // Each entry of the file is always sent with its own text.
    const auto [known, added] = prompt_of_index.emplace(index, line["prompt"]);
    CHECK(known->second == line["prompt"]);
    ++sent_per_index[line["target"].get<std::string>() + index];
    CHECK(line["reasoning_chars"] == 0);
    CHECK(line["finish_reason"].is_null());  // the echo server sends none
    if (line["target"] == "down") {
      CHECK(line["error"] == "connect");
      CHECK(line["text"] == "");
    } else {
      CHECK(line["error"].is_null());
      recorded.insert(line["text"].get<std::string>());
    }
  }
  CHECK(recorded == sent);
  // Six requests per target over three prompts in file order: each prompt twice.
  CHECK(sent_per_index == std::map<std::string, int>{{"down0", 2}, {"down1", 2}, {"down2", 2},
                                                     {"echo0", 2}, {"echo1", 2}, {"echo2", 2}});
  // The prompt as the workload gave it, without the prompt-cache nonce in front of it.
  CHECK(prompt_of_index == std::map<std::string, std::string>{
                               {"0", "alpha beta gamma delta"}, {"1", "one two"}, {"2", "x y z w v"}});
}

TEST_CASE("outputs.jsonl: the scenario key turns it on, non-streaming rows carry text and finish reason") {
  TempDir dir;
  write_text(dir / "s.json", R"({
    "name": "whole", "seed": 4, "record_outputs": true,
    "targets": { "streamed": {"protocol": "anthropic", "url": "sim://fast", "model": "m", "sim": {"output_tokens": 3}},
                 "whole": {"protocol": "openai-chat", "url": "sim://fast", "model": "m", "stream": false,
                           "sim": {"output_tokens": 20}} },
    "workload": { "messages": [ { "role": "user", "content": "hi" } ], "max_tokens": 8 },
    "phases": [ { "name": "main", "requests": 3, "concurrency": 2 } ] })");
  const auto run = run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto lines = complete_lines(dir / "out");
  CHECK(line_keys(lines) == row_keys(parse_csv(read_file(dir / "out/samples.csv"))));
  REQUIRE(lines.size() == 6);
  for (const auto& line : lines) {
    INFO(line.dump());
    CHECK(line["error"].is_null());
    CHECK(line["prompt"] == "hi");
    CHECK_FALSE(line["text"].get<std::string>().empty());
    // 3 tokens end the turn; 20 asked for with max_tokens 8 are cut at the limit.
    CHECK(line["finish_reason"] == (line["target"] == "streamed" ? "end_turn" : "length"));
  }
}

TEST_CASE("outputs.jsonl: a key the server echoes back is redacted like every other file") {
  TempDir dir;
  const std::string secret = "sk-outputs-test-93f1c2";
  EchoServer server(dir / "bodies.jsonl");
  write_text(dir / "s.json", R"({
    "name": "secret", "seed": 5, "record_outputs": true, "workload": { "prompt_cache": "allow",
      "messages": [ { "role": "user", "content": ")" + secret + R"( is my key" } ] },
    "targets": { "a": {"protocol": "openai-chat", "url": ")" + server.url + R"(", "model": "m",
                       "headers": {"Authorization": "Bearer ${TTFT_OUTPUTS_KEY}"}},
                 "b": {"protocol": "openai-chat", "url": ")" + server.url + R"(", "model": "m"} },
    "phases": [ { "name": "main", "requests": 2, "concurrency": 1 } ] })");
  const auto run = run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out"}, {},
                                    {"TTFT_OUTPUTS_KEY=" + secret});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(read_file(server.log).find(secret) != std::string::npos);  // it really went out
  const std::string outputs = read_file(dir / "out/outputs.jsonl");
  CHECK(outputs.find(secret) == std::string::npos);
  const auto lines = json_lines(dir / "out/outputs.jsonl");
  REQUIRE(lines.size() == 4);
  for (const auto& line : lines) {
    CHECK(line["prompt"] == "*** is my key");
    CHECK(line["text"].get<std::string>().ends_with(" to: *** is my"));
  }
}

TEST_CASE("outputs.jsonl after kill -9: every line whole and parsed, one per row, and --resume appends the rest") {
  TempDir dir;
  std::string scenario = read_file(ttft::test::scenario_fixture("e2e", "resume_kill.json"));
  scenario.insert(scenario.find('{') + 1, "\"record_outputs\": true,");
  write_text(dir / "s.json", scenario);
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(0, 1500);  // a whole run takes about 1.5 s
  for (int i = 0; i < 5; ++i) {
    const fs::path folder = dir / ("killed-" + std::to_string(i));
    const int delay = delay_ms(rng);
    INFO("kill " << i << " " << delay << " ms after the first row");
    BackgroundProcess run({fs::absolute(ttft::test::ttftbench_bin()).string(), "--quiet", "run",
                           (dir / "s.json").string(), "--out", folder.string()});
    REQUIRE(ttft::test::wait_for_csv_rows(folder / "samples.csv", 1, std::chrono::seconds(10)));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    REQUIRE(run.stop(SIGKILL, std::chrono::seconds(5)).has_value());
    // Every row has its line; a kill between a request's line and its row leaves one line more.
    const auto lines_at_kill = line_keys(complete_lines(folder));
    const auto rows_at_kill = row_keys(parse_csv(read_file(folder / "samples.csv")));
    CHECK(std::includes(lines_at_kill.begin(), lines_at_kill.end(), rows_at_kill.begin(), rows_at_kill.end()));
    CHECK(lines_at_kill.size() - rows_at_kill.size() <= 1);

    const auto resume = run_ttftbench_in(dir.path(), {"--quiet", "run", "--resume", folder.string()});
    INFO(resume.err);
    REQUIRE(resume.exit_code == 0);
    const auto lines = complete_lines(folder);
    CHECK(lines.size() == 28);
    CHECK(line_keys(lines) == row_keys(parse_csv(read_file(folder / "samples.csv"))));
  }
}

TEST_CASE("whatif's router on a recorded run of scenarios/router.json: each row's prompt decides its side") {
  TempDir dir;
  const std::string scenario = std::string(TTFT_SOURCE_DIR) + "/scenarios/router.json";
  const auto run = run_ttftbench_in(dir.path(), {"run", scenario, "-q", "--out", "out"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string policy = "route short<12 keywords=explain,summarize edge else central";
  const auto whatif = run_ttftbench_in(dir.path(), {"whatif", "out", "--policy", policy, "--format", "json",
                                                    "--requests", "4000", "--seed", "1"});
  INFO(whatif.err);
  REQUIRE(whatif.exit_code == 0);
  const auto json = nlohmann::json::parse(whatif.out);
  const auto& routed = json["policies"][2];
  CHECK(routed["policy"] == policy);
  // 8 of the 16 questions are long and ask to explain; each was sent equally often.
  CHECK(routed["second_target_share"].get<double>() == Approx(0.5).margin(0.04));
  // Every question has an expected answer: every answer served is graded, and the router's
  // accuracy lies between the two targets' alone.
  CHECK(routed["accuracy"]["graded"] == 4000);
  const double edge = json["policies"][0]["accuracy"]["value"], central = json["policies"][1]["accuracy"]["value"];
  const double mixed = routed["accuracy"]["value"];
  CHECK(((edge <= mixed && mixed <= central) || (central <= mixed && mixed <= edge)));
  // The interval counts the measured answers (160 per target), not the 4,000 simulated requests.
  CHECK(routed["accuracy"]["ci95_high"].get<double>() - routed["accuracy"]["ci95_low"].get<double>() > 0.03);

  fs::remove(dir / "out/outputs.jsonl");
  const auto without = run_ttftbench_in(dir.path(), {"whatif", "out", "--policy", policy});
  CHECK(without.exit_code == 2);
  CHECK(without.err.find("route needs outputs.jsonl: run with --record-outputs") != std::string::npos);
}
