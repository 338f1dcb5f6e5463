// `ttftbench whatif` and the report's decision sections as a user runs them: a small
// simulated idle sweep, replayed through each kind of policy; bad input exits 2. Figures are
// checked as bounds: the sweep's latencies have no jitter, but the machine adds some.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using ttft::test::run_ttftbench;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kFallback = "edge-first timeout=100ms fallback=central";
const char* kHedge = "hedge after=100ms";
const char* kSplit = "split input_tokens<1000 edge else central";

}  // namespace

TEST_CASE("whatif replays a sweep's samples through every policy, and report estimates the threshold") {
  TempDir dir;
  const std::string out = (dir / "sweep").string();
  const auto run = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", "whatif_sweep.json").string(), "--out", out});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  const auto table = run_ttftbench({"whatif", out, "--policy", kFallback, "--policy", kHedge, "--policy", kSplit,
                                    "--volume", "1M/month"});
  INFO(table.err);
  REQUIRE(table.exit_code == 0);
  for (const char* row : {"edge alone", "central alone", kFallback, kHedge, kSplit, "Assumptions:", "net $/month"}) {
    CHECK(contains(table.out, row));
  }
  CHECK(contains(table.out, "so the split sends all requests to edge"));  // one prompt size only

  const auto json_run = run_ttftbench({"whatif", out, "--policy", kFallback, "--policy", kHedge, "--format", "json",
                                       "--requests", "4000"});
  REQUIRE(json_run.exit_code == 0);
  const auto doc = nlohmann::json::parse(json_run.out);
  REQUIRE(doc["policies"].size() == 4);
  const auto& edge = doc["policies"][0];
  const auto& fallback = doc["policies"][2];
  const auto& hedge = doc["policies"][3];
  CHECK(edge["policy"] == "edge alone");
  CHECK(doc["requests"] == 4000);
  // Two of edge's 12 samples are cold (~300 ms): the first of the run and the one after 4m.
  CHECK(edge["p99_ms"].get<double>() > 250);
  const double to_central = fallback["second_target_share"].get<double>();
  CHECK(to_central > 0.05);
  CHECK(to_central < 0.4);
  // A cold edge is abandoned at 100 ms and central's ~60 ms added: well under the cold ~300 ms.
  CHECK(fallback["p99_ms"].get<double>() < 250);
  CHECK(fallback["p99_ms"].get<double>() > 100);
  CHECK(hedge["usd_per_1k_requests"].get<double>() > edge["usd_per_1k_requests"].get<double>());
  CHECK(fallback["error_rate"] == 0);

  const auto report = run_ttftbench({"report", out, "--volume", "1M/month"});
  REQUIRE(report.exit_code == 0);
  CHECK(contains(report.out, "edge scale-to-zero threshold: between 1m00s"));
  CHECK(contains(report.out, "Cost at 1M/month"));
  const auto summary = nlohmann::json::parse(run_ttftbench({"report", out, "--format", "json"}).out);
  CHECK(summary["idle_sweep"][0]["threshold"] == "between");
  CHECK(summary["idle_sweep"][0]["cold_gap_s"] == 240.0);
}

TEST_CASE("whatif and report --volume exit 2 on bad input, naming what is wrong") {
  const std::string folder = std::string(TTFT_FIXTURES_DIR) + "/results/merge-regions";
  const auto unknown = run_ttftbench({"whatif", folder, "--policy", "edge-first timeout=1s fallback=cloud"});
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "--policy \"edge-first timeout=1s fallback=cloud\""));
  CHECK(contains(unknown.err, "unknown target \"cloud\""));
  const auto garbled = run_ttftbench({"whatif", folder, "--policy", "hedge soon"});
  CHECK(garbled.exit_code == 2);
  CHECK(contains(garbled.err, "unexpected \"soon\""));
  const auto phase = run_ttftbench({"whatif", folder, "--phase", "night"});
  CHECK(phase.exit_code == 2);
  CHECK(contains(phase.err, "no phase \"night\""));
  const auto missing = run_ttftbench({"whatif", folder + "/nope"});
  CHECK(missing.exit_code == 2);
  const auto volume = run_ttftbench({"report", folder, "--volume", "lots"});
  CHECK(volume.exit_code == 2);
  CHECK(contains(volume.err, "--volume"));
  const auto ok = run_ttftbench({"whatif", folder, "--policy", "hedge after=1s"});
  CHECK(ok.exit_code == 0);
}
