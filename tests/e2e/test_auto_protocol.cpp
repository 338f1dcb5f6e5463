// `protocol: auto` end to end: `ttftbench probe --protocol auto` against `ttftbench
// serve` on each of its paths, and a `run` whose two auto targets record what they detected.
// Live sockets: results are compared with an explicit probe of the same path, never with times.
#include <catch2/catch.hpp>

#include <map>

#include "e2e/canned_server.hpp"
#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/temp_dir.hpp"

using ttft::test::run_probe;
using ttft::test::ServedSimulator;

namespace {

struct PathCase {
  const char* path;
  const char* protocol;  // what auto must detect there
};

const PathCase kPaths[] = {
    {"/v1/chat/completions", "openai-chat"},
    {"/v1/completions", "openai-completions"},
    {"/v1/responses", "openai-responses"},
    {"/v1/messages", "anthropic"},
    {"/ai/run/@cf/meta/llama-3.1-8b-instruct-fast", "workers-ai"},
    {"/api/chat/ui", "vercel-ui"},
    {"/api/chat/data", "vercel-data"},
    {"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "gemini"},
    {"/api/chat", "ollama"},
    {"/completion", "llama-cpp"},
    {"/api/chat/text", "text"},
    {"/sse", "sse"},
};

ttft::test::ProbeRun probe(const ServedSimulator& sim, const std::string& path, const std::string& protocol) {
  return run_probe({sim.url(path), "--protocol", protocol, "--json", "--header", "x-sim-first-event-ms: 0",
                    "--header", "x-sim-tokens: 8", "--header", "x-sim-token-interval-ms: 1"});
}

}  // namespace

TEST_CASE("probe --protocol auto detects each simulated provider and reads it as that protocol") {
  ServedSimulator sim;
  for (const auto& c : kPaths) {
    SECTION(c.protocol) {
      const auto detected = probe(sim, c.path, "auto");
      INFO(detected.process.err);
      REQUIRE(detected.process.exit_code == 0);
      const auto& s = detected.sample;
      REQUIRE(s.is_object());
      CHECK(s["protocol"] == std::string("auto:") + c.protocol);
      CHECK(s["error"].is_null());
      CHECK(s["first_token_kind"] == "text");
      CHECK(s["ttft_ms"].get<double>() <= s["first_token_ms"].get<double>());
      CHECK(s["first_token_ms"].get<double>() <= s["e2e_ms"].get<double>());
      // The detected adapter's rules apply unchanged: the same counts and sources as when the
      // protocol is named.
      const auto named = probe(sim, c.path, c.protocol);
      REQUIRE(named.process.exit_code == 0);
      CHECK(s["token_source"] == named.sample["token_source"]);
      CHECK(s["output_tokens"] == named.sample["output_tokens"]);
      CHECK(s["events"] == named.sample["events"]);
    }
  }
}

TEST_CASE("probe shows the server's own timings when it reports them") {
  ServedSimulator sim;
  SECTION("ollama's durations") {
    const auto run = probe(sim, "/api/chat", "auto");
    REQUIRE(run.process.exit_code == 0);
    const auto& server = run.sample["server_timings"];
    REQUIRE(server.is_object());
    CHECK(server["load_ms"].get<double>() > 0.0);
    CHECK(server["total_ms"].get<double>() ==
          Approx(server["load_ms"].get<double>() + server["prompt_eval_ms"].get<double>() +
                 server["eval_ms"].get<double>()));
    const auto timeline = ttft::test::run_process(
        {ttft::test::ttftbench_bin(), "probe", sim.url("/api/chat"), "--protocol", "ollama", "--header",
         "x-sim-first-event-ms: 0"});
    REQUIRE(timeline.exit_code == 0);
    CHECK(timeline.out.find("  server      load ") != std::string::npos);
    CHECK(timeline.out.find(", prompt eval ") != std::string::npos);
  }
  SECTION("llama.cpp's timings") {
    const auto run = probe(sim, "/completion", "llama-cpp");
    REQUIRE(run.process.exit_code == 0);
    const auto& server = run.sample["server_timings"];
    REQUIRE(server.is_object());
    CHECK(server["prompt_eval_ms"].is_number());
    CHECK(server["eval_ms"].is_number());
    CHECK(server["load_ms"].is_null());
  }
  SECTION("none from OpenAI") {
    const auto run = probe(sim, "/v1/chat/completions", "openai-chat");
    REQUIRE(run.process.exit_code == 0);
    CHECK(run.sample.contains("server_timings"));
    CHECK(run.sample["server_timings"].is_null());
    const auto timeline = ttft::test::run_process(
        {ttft::test::ttftbench_bin(), "probe", sim.url("/v1/chat/completions"), "--protocol", "auto"});
    REQUIRE(timeline.exit_code == 0);
    CHECK(timeline.out.find("protocol auto:openai-chat") != std::string::npos);
    CHECK(timeline.out.find("server ") == std::string::npos);
  }
}

TEST_CASE("a 200 that is not the expected stream is a protocol error naming what arrived") {
  // Connection: close and no length: the body ends with a clean close, as a proxy's reply may.
  const auto reply = [](const std::string& content_type, const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\nConnection: close\r\n\r\n" + body;
  };
  struct Case {
    const char* name;
    std::string response;
    const char* protocol;
    std::string detail;
  };
  const std::string json_error = R"({"error":{"message":"model not loaded"}})";
  const Case cases[] = {
      {"NDJSON expected", reply("application/json", json_error), "ollama",
       "expected NDJSON lines, got application/json: " + json_error},
      {"an event stream expected", reply("text/html; charset=utf-8", "<html>502</html>"), "openai-chat",
       "expected an event stream (text/event-stream), got text/html: <html>502</html>"},
      {"auto, a JSON reply", reply("application/json", json_error), "auto",
       "auto: a JSON body, not a stream (application/json): " + json_error},
      {"auto, an event stream cut before its first event", reply("text/event-stream", "data: {\"choi"), "auto",
       "auto: the body ended before its first complete event (text/event-stream): data: {\"choi"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      ttft::test::CannedServer server(c.response);
      const auto run = run_probe({server.url("/v1/chat/completions"), "--protocol", c.protocol, "--json"});
      CHECK(run.process.exit_code == 3);
      CHECK(run.sample["error"] == "protocol");
      CHECK(run.sample["error_detail"] == c.detail);
      CHECK(run.sample["protocol"] == c.protocol);  // nothing was detected
    }
  }
}

TEST_CASE("a run with two auto targets records the protocol each one detected") {
  ServedSimulator sim;
  const std::string base = sim.url("");
  const std::string port = base.substr(base.rfind(':') + 1);
  ttft::test::TempDir dir;
  const auto run = ttft::test::run_ttftbench_in(
      dir.path(),
      {"run", ttft::test::scenario_fixture("e2e", "auto_protocols.json").string(), "--out", (dir / "out").string()},
      {}, {"TTFT_E2E_SIM_PORT=" + port});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto csv = ttft::test::parse_csv(ttft::test::read_file(dir / "out" / "samples.csv"));
  REQUIRE(csv.rows.size() == 4);  // 2 requests per target
  std::map<std::string, int> protocols;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    INFO("row " << row << " error " << csv.cell(row, "error_detail"));
    CHECK(csv.cell(row, "error").empty());
    CHECK(csv.cell(row, "first_token_kind") == "text");
    ++protocols[csv.cell(row, "target") + " " + csv.cell(row, "protocol")];
  }
  CHECK(protocols == std::map<std::string, int>{{"central auto:openai-chat", 2}, {"edge auto:workers-ai", 2}});
}
