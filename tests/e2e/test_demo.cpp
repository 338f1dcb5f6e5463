// The demo scenario exactly as scripts/demo runs it (issue 3, acceptance 1 and 2): tables and
// verdicts printed, one row per scheduled request, and medians in the bands the simulated
// profiles define. Wide bands: this checks the wiring from profile to table, not timing.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::ttftbench_bin;

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

/// p50 of ttft per "target/phase" from summary.csv.
std::map<std::string, double> ttft_p50s(const std::string& summary_csv) {
  std::istringstream in(summary_csv);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::map<std::string, double> p50s;
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    if (cells[column("metric")] != "ttft" || cells[column("p50")].empty()) continue;
    p50s[cells[column("target")] + "/" + cells[column("phase")]] = std::stod(cells[column("p50")]);
  }
  return p50s;
}

}  // namespace

TEST_CASE("the demo prints both tables and verdicts and records every scheduled request") {
  const std::string scenario = std::string(TTFT_SOURCE_DIR) + "/scenarios/demo.json";
  const auto validate = run_process({ttftbench_bin(), "validate", scenario});
  REQUIRE(validate.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(validate.out, match, std::regex(R"(requests\s+(\d+))")));
  const int scheduled = std::stoi(match[1]);

  ttft::test::TempDir dir;
  const auto run = run_process({ttftbench_bin(), "run", scenario, "--out", (dir / "demo").string()},
                               std::chrono::seconds(150));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("Time to first token (ms)") != std::string::npos);
  CHECK(run.out.find("Cost per million tokens (USD)") != std::string::npos);
  CHECK(std::regex_search(run.out, std::regex(R"(warm p50: (edge|central) faster by|warm p50: no significant)")));

  const std::string samples = read_file(dir / "demo" / "samples.csv");
  std::istringstream lines(samples);
  std::string header;
  std::getline(lines, header);
  CHECK(header ==
        "run_id,region,shard,phase,cold,seq,target,protocol,model,request_id,started_at,send_lag_ms,"
        "idle_before_s,connection_reused,pop,http_status,error,error_detail,dns_ms,connect_ms,tls_ms,"
        "ttfb_ms,ttft_ms,first_token_ms,e2e_ms,input_tokens,output_tokens,token_source,events,"
        "itl_p50_ms,itl_p95_ms,decode_tps,cost_usd,first_token_kind");
  int rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  CHECK(rows == scheduled);

  // Profiles (sim/profile.cpp): edge cold ≈410, warm ≈180; central cold ≈290, warm ≈240 ms.
  auto p50 = ttft_p50s(read_file(dir / "demo" / "summary.csv"));
  INFO("edge cold " << p50["edge/cold"] << ", edge warm " << p50["edge/warm"] << ", central cold "
                    << p50["central/cold"] << ", central warm " << p50["central/warm"]);
  CHECK(p50["edge/cold"] > 250);
  CHECK(p50["edge/cold"] < 700);
  CHECK(p50["edge/warm"] > 100);
  CHECK(p50["edge/warm"] < 300);
  CHECK(p50["central/cold"] > 150);
  CHECK(p50["central/cold"] < 500);
  CHECK(p50["central/warm"] > 130);
  CHECK(p50["central/warm"] < 450);
  CHECK(p50["edge/cold"] > p50["edge/warm"]);  // scale-to-zero shows up as slower cold starts
}
