// Non-streaming targets end to end (docs/metrics.md ("Non-streaming targets")): `run` against
// `ttftbench serve` with a streaming target beside two non-streaming ones. Their rows have no
// first-token times and an e2e_ms within a few ms of the server's own log; the report gives them a
// section of their own and compares them only with each other. Live sockets: bounds only.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>

#include <fstream>

#include "e2e/canned_server.hpp"
#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/temp_dir.hpp"

using ttft::test::CsvTable;
using ttft::test::ServedSimulator;

namespace {

constexpr double kFidelityMs = 5.0;  // the client's e2e against the server's own end

struct Run {
  ttft::test::ProcessResult process;
  CsvTable csv;
  std::filesystem::path out;
};

Run run_scenario(const ServedSimulator& sim, const ttft::test::TempDir& dir) {
  static int runs = 0;
  const std::string base = sim.url("");
  const std::string port = base.substr(base.rfind(':') + 1);
  Run run{{}, {}, dir / ("out-" + std::to_string(++runs))};
  run.process = ttft::test::run_ttftbench_in(
      dir.path(), {"run", ttft::test::scenario_fixture("e2e", "non_streaming.json").string(), "--out", run.out.string()},
      {}, {"TTFT_E2E_SIM_PORT=" + port});
  if (run.process.exit_code == 0) run.csv = ttft::test::parse_csv(ttft::test::read_file(run.out / "samples.csv"));
  return run;
}

// A run of two non-streaming targets (openai-chat, anthropic), one request each, against a server
// that answers every request with `response`: the rows of samples.csv.
CsvTable run_against(const std::string& response) {
  ttft::test::CannedServer server(response);
  ttft::test::TempDir dir;
  const nlohmann::json scenario = {
      {"name", "canned"},
      {"targets", {{"chat", {{"protocol", "openai-chat"}, {"url", server.url("/v1/chat/completions")}, {"stream", false}}},
                   {"claude", {{"protocol", "anthropic"}, {"url", server.url("/v1/messages")}, {"stream", false}}}}},
      {"workload", {{"messages", {{{"role", "user"}, {"content", "hi"}}}}}},
      {"phases", {{{"name", "p"}, {"requests", 1}, {"interval", "10ms"}}}},
      {"timeouts", {{"connect", "2s"}, {"first_event", "5s"}, {"total", "5s"}}}};
  std::ofstream(dir / "canned.json") << scenario.dump();
  const auto run = ttft::test::run_ttftbench_in(dir.path(), {"run", "canned.json", "--out", "out"});
  INFO(run.err);
  return ttft::test::parse_csv(ttft::test::read_file(dir / "out" / "samples.csv"));
}

double ms(const CsvTable& csv, std::size_t row, const std::string& column) { return std::stod(csv.cell(row, column)); }

// The server's end of the reply, from its receipt of the request.
double server_end_ms(const nlohmann::json& entry) {
  return static_cast<double>(entry["end_ns"].get<std::int64_t>() - entry["received_ns"].get<std::int64_t>()) / 1e6;
}

// True when every non-streaming row's e2e_ms is within kFidelityMs of the server's end.
bool within_fidelity(const ServedSimulator& sim, const CsvTable& csv) {
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    if (csv.cell(row, "target") == "stream") continue;
    const auto entry = sim.log_entry(csv.cell(row, "request_id"));
    if (!entry || csv.cell(row, "e2e_ms").empty()) return false;
    if (std::abs(ms(csv, row, "e2e_ms") - server_end_ms(*entry)) > kFidelityMs) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a non-streaming target beside a streaming one: e2e measured, no first token, its own section") {
  ServedSimulator sim;
  ttft::test::TempDir dir;
  auto run = run_scenario(sim, dir);
  INFO(run.process.err);
  REQUIRE(run.process.exit_code == 0);
  // Two processes share the CPUs: the better of two runs is checked (a systematic error fails both).
  if (!within_fidelity(sim, run.csv)) run = run_scenario(sim, dir);
  REQUIRE(run.process.exit_code == 0);
  const CsvTable& csv = run.csv;
  REQUIRE(csv.rows.size() == 15);
  CHECK(within_fidelity(sim, csv));
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    const std::string target = csv.cell(row, "target");
    INFO("row " << row << " target " << target << " error " << csv.cell(row, "error_detail"));
    REQUIRE(csv.cell(row, "error").empty());
    CHECK(csv.cell(row, "token_source") == "usage");
    CHECK(csv.cell(row, "output_tokens") == "8");
    // The server sends the last token 30 ms + 7 intervals of 10 ms after receipt.
    CHECK(ms(csv, row, "e2e_ms") >= 100 - kFidelityMs);
    if (target == "stream") {
      CHECK(ms(csv, row, "ttft_ms") >= 30 - kFidelityMs);
      CHECK_FALSE(csv.cell(row, "first_token_ms").empty());
      continue;
    }
    for (const char* column : {"ttft_ms", "first_token_ms", "first_answer_ms", "itl_p50_ms", "decode_tps"}) {
      INFO(column);
      CHECK(csv.cell(row, column).empty());
    }
    // Headers and body leave together, at the end.
    CHECK(ms(csv, row, "ttfb_ms") >= 100 - kFidelityMs);
    const auto entry = sim.log_entry(csv.cell(row, "request_id"));
    REQUIRE(entry);
    CHECK((*entry)["first_event_ns"].is_null());
    CHECK((*entry)["path"] == (target == "whole" ? "/v1/chat/completions"
                                                 : "/v1beta/models/gemini-2.5-flash:generateContent"));
  }

  const std::string report = ttft::test::read_file(run.out / "report.md");
  CHECK(report.find("## Non-streaming targets") != std::string::npos);
  CHECK(report.find("A/B verdicts (time to first token; e2e between non-streaming targets)") != std::string::npos);
  CHECK(ttft::test::read_file(run.out / "report.html").find("<h2>Non-streaming targets</h2>") != std::string::npos);
  const auto summary = nlohmann::json::parse(ttft::test::read_file(run.out / "summary.json"));
  REQUIRE(summary["non_streaming"].is_array());
  REQUIRE(summary["non_streaming"].size() == 2);
  CHECK(summary["non_streaming"][0]["target"] == "whole");
  CHECK(summary["non_streaming"][1]["target"] == "whole_gemini");
  CHECK(summary["non_streaming"][0]["e2e_p50_ms"].get<double>() >= 100 - kFidelityMs);
  // Verdicts: TTFT between streaming targets only (there is one), e2e between the other two.
  REQUIRE(summary["verdicts"].is_array());
  CHECK(summary["verdicts"].size() == 2);  // p50 and p95 of whole vs whole_gemini
  for (const auto& verdict : summary["verdicts"]) {
    CHECK(verdict["metric"] == "e2e");
    CHECK(verdict["a"] == "whole");
    CHECK(verdict["b"] == "whole_gemini");
  }
}

TEST_CASE("a non-streaming 200 that is a provider error, not the protocol's JSON, or cut short") {
  struct Case {
    const char* name;
    std::string body;
    std::string length;  // Content-Length as sent; the body's own when empty
    const char* error;
  };
  const Case cases[] = {
      {"error body", R"({"error":{"message":"overloaded"},"type":"error"})", "", "stream"},
      {"html", "<html>busy</html>", "", "protocol"},
      {"cut short", R"({"choices":[{"message":{"content":"Hel)", "400", "truncated"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const std::string length = c.length.empty() ? std::to_string(c.body.size()) : c.length;
      const CsvTable csv = run_against("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length +
                                       "\r\nConnection: close\r\n\r\n" + c.body);
      REQUIRE(csv.rows.size() == 2);
      for (std::size_t row = 0; row < 2; ++row) {
        INFO(csv.cell(row, "target") << ": " << csv.cell(row, "error_detail"));
        CHECK(csv.cell(row, "error") == c.error);
        CHECK(csv.cell(row, "ttft_ms").empty());
      }
    }
  }
}
