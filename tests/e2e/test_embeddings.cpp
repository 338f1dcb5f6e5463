// Embeddings targets end to end (docs/scenario.md ("Embeddings"), docs/metrics.md ("Embeddings")):
// `run` against the built-in simulator in each wire format, a server whose answer has the wrong
// number of vectors, and a scenario mixing a chat target with two embeddings targets, through
// report, --assert and compare. Latencies are fixed and far from every bound checked.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/canned_server.hpp"
#include "e2e/run_fixture.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::test::CsvTable;

namespace {

// Three inputs of 10, 5 and 36 bytes: the simulator's usage counts ceil(bytes / 4) per input,
// 3 + 2 + 9 = 14 tokens; a row without usage estimates ceil(51 / 4) = 13 from all the text.
const json kInputs = {"alpha beta", "gamma", "a much longer sentence to embed here"};
constexpr std::int64_t kUsageTokens = 14;
constexpr std::int64_t kEstimatedTokens = 13;

json fixed_sim(double median_ms) { return {{"warm", {{"median_ms", median_ms}, {"sigma", 0}}}, {"network_ms", 0}}; }

json embeddings_target(const std::string& protocol, const std::string& url, double median_ms) {
  return {{"kind", "embeddings"}, {"protocol", protocol}, {"url", url}, {"model", "embedder"}, {"sim", fixed_sim(median_ms)}};
}

json scenario_of(json targets, std::int64_t requests) {
  return {{"name", "embeddings"},
          {"targets", std::move(targets)},
          {"workload", {{"inputs", kInputs}, {"batch", 3}}},
          {"phases", {{{"name", "warm"}, {"requests", requests}, {"interval", "20ms"}}}},
          {"timeouts", {{"connect", "2s"}, {"first_event", "5s"}, {"total", "5s"}}}};
}

struct Run {
  ttft::test::ProcessResult process;
  CsvTable csv;
};

Run run_in(const ttft::test::TempDir& dir, const json& scenario, const std::string& out) {
  std::ofstream(dir / (out + ".json")) << scenario.dump(2);
  Run run{ttft::test::run_ttftbench_in(dir.path(), {"run", out + ".json", "--out", out}), {}};
  if (std::filesystem::exists(dir / out / "samples.csv")) {
    run.csv = ttft::test::parse_csv(ttft::test::read_file(dir / out / "samples.csv"));
  }
  return run;
}

}  // namespace

TEST_CASE("each embeddings format round-trips against the simulator: vectors, dimensions, usage and cost") {
  ttft::test::TempDir dir;
  json targets = {{"openai", embeddings_target("openai", "sim://fast", 5)},
                  {"workers", embeddings_target("workers-ai", "sim://fast", 5)},
                  {"ollama", embeddings_target("ollama", "sim://fast", 5)},
                  {"gemini", embeddings_target("gemini", "sim://fast", 5)}};
  targets["openai"]["dimensions"] = 256;  // asked for in the body, and served
  targets["gemini"]["dimensions"] = 384;
  targets["openai"]["pricing"] = {{"input_usd_per_mtok", 0.02}};
  targets["workers"]["pricing"] = {{"neurons", {{"input_per_mtok", 6058}, {"usd_per_1k_neurons", 0.011}}}};
  const Run run = run_in(dir, scenario_of(targets, 2), "formats");
  INFO(run.process.err);
  REQUIRE(run.process.exit_code == 0);
  REQUIRE(run.csv.rows.size() == 8);
  for (std::size_t row = 0; row < run.csv.rows.size(); ++row) {
    const std::string target = run.csv.cell(row, "target");
    INFO(target << ": " << run.csv.cell(row, "error_detail"));
    CHECK(run.csv.cell(row, "error").empty());
    CHECK(run.csv.cell(row, "vectors") == "3");
    const std::string dimensions = target == "openai" ? "256" : target == "gemini" ? "384" : "768";
    CHECK(run.csv.cell(row, "dimensions") == dimensions);
    CHECK(run.csv.cell(row, "ttft_ms").empty());
    CHECK(run.csv.cell(row, "first_token_ms").empty());
    CHECK_FALSE(run.csv.cell(row, "e2e_ms").empty());
    CHECK(run.csv.cell(row, "output_tokens") == "0");
    const bool usage = target == "openai" || target == "ollama";
    CHECK(run.csv.cell(row, "token_source") == (usage ? "usage" : "estimated"));
    CHECK(run.csv.cell(row, "input_tokens") == std::to_string(usage ? kUsageTokens : kEstimatedTokens));
    // By hand: 14 tokens × $0.02/M = $0.00000028; 13 tokens × 6,058 neurons/M × $0.011/1k neurons
    // = $0.000000866294.
    const std::string cost = target == "openai" ? "0.00000028" : target == "workers" ? "0.000000866294" : "";
    CHECK(run.csv.cell(row, "cost_usd") == cost);
  }
}

TEST_CASE("an embeddings response with the wrong number of vectors or dimensions is error protocol") {
  ttft::test::TempDir dir;
  SECTION("two vectors for three inputs") {
    const std::string body = R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]},)"
                             R"({"object":"embedding","index":1,"embedding":[0.3,0.4]}],"model":"m","usage":{"prompt_tokens":3,"total_tokens":3}})";
    ttft::test::CannedServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    const json targets = {{"a", embeddings_target("openai", server.url("/v1/embeddings"), 5)},
                          {"b", embeddings_target("openai", server.url("/v1/embeddings"), 5)}};
    json scenario = scenario_of(targets, 1);
    for (auto& [name, target] : scenario["targets"].items()) target.erase("sim");
    const Run run = run_in(dir, scenario, "count");
    INFO(run.process.err);
    REQUIRE(run.csv.rows.size() == 2);
    CHECK(run.csv.cell(0, "error") == "protocol");
    CHECK(run.csv.cell(0, "error_detail").find("expected 3 vectors, got 2") != std::string::npos);
    CHECK(run.process.exit_code == 3);  // every request failed
  }
  SECTION("768 dimensions where 512 were asked for") {
    json targets = {{"a", embeddings_target("workers-ai", "sim://fast", 5)}, {"b", embeddings_target("openai", "sim://fast", 5)}};
    targets["a"]["dimensions"] = 512;  // Workers AI cannot ask for a length: bge-base answers 768
    const Run run = run_in(dir, scenario_of(targets, 1), "dims");
    INFO(run.process.err);
    REQUIRE(run.csv.rows.size() == 2);
    const std::size_t a = run.csv.cell(0, "target") == "a" ? 0 : 1;
    CHECK(run.csv.cell(a, "error") == "protocol");
    CHECK(run.csv.cell(a, "error_detail").find("expected 512 dimensions, got 768") != std::string::npos);
    CHECK(run.csv.cell(1 - a, "error").empty());
  }
}

TEST_CASE("a scenario of chat and embeddings targets reports each kind apart, and gates and compares embeddings") {
  ttft::test::TempDir dir;
  const json targets = {{"chat", {{"protocol", "openai-chat"}, {"url", "sim://fast"}, {"model", "m"}, {"sim", fixed_sim(5)}}},
                        {"edge", embeddings_target("workers-ai", "sim://fast", 5)},
                        {"central", embeddings_target("openai", "sim://fast", 80)}};
  const json scenario = scenario_of(targets, 6);
  std::ofstream(dir / "mixed.json") << scenario.dump(2);
  const auto validated = ttft::test::run_ttftbench_in(dir.path(), {"validate", "mixed.json"});
  INFO(validated.out << validated.err);
  REQUIRE(validated.exit_code == 0);
  const Run run = run_in(dir, scenario, "mixed");
  INFO(run.process.err);
  REQUIRE(run.process.exit_code == 0);
  REQUIRE(run.csv.rows.size() == 18);
  CHECK(run.process.out.find("Embeddings") != std::string::npos);

  const json summary = json::parse(ttft::test::read_file(dir / "mixed" / "summary.json"));
  REQUIRE(summary.contains("embeddings"));
  std::set<std::string> reported;
  for (const json& row : summary["embeddings"]) {
    reported.insert(row["target"].get<std::string>());
    CHECK(row["requests"] == 6);
    CHECK(row["dimensions"] == 768);
    CHECK(row["inputs_per_s"].get<double>() > 0);
  }
  CHECK(reported == std::set<std::string>{"edge", "central"});
  bool e2e_verdict = false;
  for (const json& verdict : summary["verdicts"]) {
    const std::set<std::string> pair{verdict["a"].get<std::string>(), verdict["b"].get<std::string>()};
    CHECK_FALSE((pair.count("chat") == 1 && verdict["metric"] == "e2e"));   // chat's e2e is never an embeddings verdict
    CHECK_FALSE((pair.count("chat") == 0 && verdict["metric"] != "e2e"));   // embeddings have no TTFT verdict
    e2e_verdict = e2e_verdict || (pair == std::set<std::string>{"edge", "central"} && verdict["metric"] == "e2e");
  }
  CHECK(e2e_verdict);
  const std::string md = ttft::test::read_file(dir / "mixed" / "report.md");
  CHECK(md.find("Embeddings") != std::string::npos);

  const std::string folder = (dir / "mixed").string();
  const auto pass = ttft::test::run_ttftbench({"report", folder, "--assert", "edge.warm.e2e.p95 < 50ms"});
  INFO(pass.out << pass.err);
  CHECK(pass.exit_code == 0);
  const auto fail = ttft::test::run_ttftbench({"report", folder, "--assert", "central.warm.e2e.p95 < 50ms"});
  CHECK(fail.exit_code == 1);
  const auto compared = ttft::test::run_ttftbench({"compare", folder, folder, "--format", "json"});
  INFO(compared.err);
  CHECK(compared.exit_code == 0);
  CHECK(compared.out.find("\"e2e\"") != std::string::npos);
}

TEST_CASE("embeddings keys in the wrong place are scenario errors naming where") {
  ttft::test::TempDir dir;
  const auto error_of = [&](const json& scenario) {
    std::ofstream(dir / "bad.json") << scenario.dump(2);
    const auto result = ttft::test::run_ttftbench_in(dir.path(), {"validate", "bad.json"});
    CHECK(result.exit_code == 2);
    return result.err;
  };
  const json chat = {{"protocol", "openai-chat"}, {"url", "sim://fast"}};
  json targets = {{"a", embeddings_target("openai", "sim://fast", 5)}, {"b", chat}};
  targets["a"]["stream"] = false;
  CHECK(error_of(scenario_of(targets, 1)).find("/targets/a/stream") != std::string::npos);
  targets["a"].erase("stream");
  targets["a"]["protocol"] = "openai-chat";
  CHECK(error_of(scenario_of(targets, 1)).find("unknown embeddings protocol \"openai-chat\"") != std::string::npos);
  targets["a"]["protocol"] = "openai";
  targets["b"]["dimensions"] = 768;
  CHECK(error_of(scenario_of(targets, 1)).find("/targets/b/dimensions") != std::string::npos);
  json only_chat = scenario_of({{"a", chat}, {"b", chat}}, 1);
  CHECK(error_of(only_chat).find("/workload/batch") != std::string::npos);
}

TEST_CASE("the edge-embeddings scenarios validate, and the simulated twin runs with the section the README shows") {
  const std::string real = std::string(TTFT_SOURCE_DIR) + "/scenarios/edge-embeddings.json";
  const auto validated = ttft::test::run_ttftbench({"validate", real}, {"CF_ACCOUNT_ID=acct", "CF_API_TOKEN=token-123456",
                                                                         "OPENAI_API_KEY=sk-123456789"});
  INFO(validated.err);
  CHECK(validated.exit_code == 0);
  ttft::test::TempDir dir;
  const auto twin = ttft::test::run_ttftbench(
      {"run", std::string(TTFT_SOURCE_DIR) + "/scenarios/edge-embeddings-sim.json", "--out", (dir / "twin").string()});
  INFO(twin.err);
  REQUIRE(twin.exit_code == 0);
  CHECK(twin.out.find("Time to first token") == std::string::npos);  // no chat target: no TTFT table
  CHECK(twin.out.find("A/B verdicts (e2e between embeddings targets)") != std::string::npos);
  CHECK(twin.out.find("the free neurons of a day cover about") != std::string::npos);
  const CsvTable rows = ttft::test::parse_csv(ttft::test::read_file(dir / "twin" / "samples.csv"));
  CHECK(rows.rows.size() == 66);
  for (std::size_t row = 0; row < rows.rows.size(); ++row) CHECK(rows.cell(row, "vectors") == "8");
}
