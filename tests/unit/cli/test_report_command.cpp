// `report` on the committed results folder tests/fixtures/results/merge-regions: each format's
// output (exact where it is short, parsed and cross-checked where it is long), folders it
// refuses, --assert's exit codes, and the Markdown summary files.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/exit_codes.hpp"
#include "support/csv_table.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::kMergeRegions;
using ttft::test::fixture;
using ttft::test::parse_csv;
using ttft::test::read_file;
using ttft::test::run_cli;
using ttft::test::TempDir;

namespace {

constexpr const char* kTables = R"(Time to first token (ms)
target   cold p50  cold p95  warm p50  warm p95  n  errors
edge        51.1*     51.1*     50.6*     50.6*  4       0
central     50.7*     50.7*     50.6*     50.6*  4       0
* fewer than 20 samples: p95 is not reliable; fewer than 5: neither is p50

Cost per million tokens (USD)
target   input  output  blended  per 1k req
edge       0.1     0.5     0.42      0.0021
central   0.15     0.6     0.51     0.00255
edge vs central: edge is cheaper at every ratio

A/B verdicts (time to first token)
cold p50: too few samples (n = 1)
cold p95: too few samples (n = 1)
warm p50: too few samples (n = 3)
warm p95: too few samples (n = 3)

)"
                                "client's own lateness: send lag p50 0.20 / p99 0.63 / max 0.65 ms; timer lateness "
                                "p50 0.09 / p99 0.16 / max 0.17 ms; reads delayed p99 0.29 / max 0.38 ms\n";

constexpr const char* kCsvHeader =
    "target,phase,metric,unit,n,errors,mean,stdev,min,p50,p95,p99,max,p50_ci_low,p50_ci_high,p95_ci_low,p95_ci_high";

}  // namespace

TEST_CASE("report: the default format prints the terminal tables exactly, exit 0") {
  const auto result = run_cli({"report", kMergeRegions});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(result.out == kTables);
  CHECK(result.out == run_cli({"report", kMergeRegions, "--format", "table"}).out);
}

TEST_CASE("report --format markdown: the run's headline and the same tables as Markdown") {
  const auto result = run_cli({"report", kMergeRegions, "--format", "markdown"});
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(result.out.rfind("# ttftbench: merge-regions\n\nRun `merge-regions-20261121T121739Z-eu` · ttftbench 0.1.0 · "
                         "seed 11 · 8 samples, 0 errors · scenario SHA-256 "
                         "`152d47f2d89fe38fa2a92ed6e6f3122bdb4394297c933bb91f8503ca023ccb9b`\n",
                         0) == 0);
  CHECK(contains(result.out,
                 "\n## Time to first token (ms)\n\n"
                 "| target | cold p50 | cold p95 | warm p50 | warm p95 | n | errors |\n"
                 "| :--- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                 "| edge | 51.1\\* | 51.1\\* | 50.6\\* | 50.6\\* | 4 | 0 |\n"
                 "| central | 50.7\\* | 50.7\\* | 50.6\\* | 50.6\\* | 4 | 0 |\n"));
  for (const char* heading : {"\n## Cost per million tokens (USD)\n", "\n## A/B verdicts (time to first token)\n",
                              "\n## Errors by class\n", "\n## The client's own error\n"}) {
    CHECK(contains(result.out, heading));
  }
}

TEST_CASE("report --format csv and json: one row per target, phase and metric, the same figures in both") {
  const auto csv_run = run_cli({"report", kMergeRegions, "--format", "csv"});
  const auto json_run = run_cli({"report", kMergeRegions, "--format", "json"});
  REQUIRE(csv_run.exit_code == to_int(ExitCode::ok));
  REQUIRE(json_run.exit_code == to_int(ExitCode::ok));
  CHECK(csv_run.out.rfind(std::string(kCsvHeader) + "\n", 0) == 0);
  CHECK(contains(csv_run.out,
                 "\nedge,warm,ttft,ms,3,0,50.571,0.063,50.506,50.575,50.625,50.630,50.631,50.506,50.631,"
                 "50.506,50.631\n"));
  const auto csv = parse_csv(csv_run.out);
  REQUIRE(csv.rows.size() == 2 * 3 * 7);  // edge, central × cold, warm, all × seven metrics

  const auto json = nlohmann::json::parse(json_run.out);
  CHECK(json["samples"] == 8);
  CHECK(json["errors"] == 0);
  CHECK(json["run"]["targets"] == nlohmann::json({"edge", "central"}));
  CHECK(json["run"]["phases"] == nlohmann::json({"cold", "warm"}));
  CHECK(json["tokens"]["edge"]["output_tokens"] == 16);
  const auto& rows = json["rows"];
  REQUIRE(rows.size() == csv.rows.size());
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    for (const char* key : {"target", "phase", "metric", "unit"}) {
      CHECK(rows[i][key].get<std::string>() == csv.cell(i, key));
    }
    for (const char* key : {"n", "mean", "min", "p50", "p95", "max", "p50_ci_low", "p95_ci_high"}) {
      INFO(csv.cell(i, "target") << " " << csv.cell(i, "phase") << " " << csv.cell(i, "metric") << " " << key);
      if (csv.cell(i, key).empty()) {  // unmeasured (first_answer in a folder from before its column)
        CHECK(rows[i][key].is_null());
        continue;
      }
      CHECK(std::abs(rows[i][key].get<double>() - std::stod(csv.cell(i, key))) <= 0.00051);  // CSV: 3 decimals
    }
  }
}

TEST_CASE("report: a missing folder or one without samples.csv exits 2 naming it") {
  TempDir tmp;
  const auto missing = run_cli({"report", (tmp / "nowhere").string()});
  CHECK(missing.exit_code == to_int(ExitCode::usage));
  CHECK(missing.out.empty());
  CHECK(missing.err.rfind("ttftbench: error: " + (tmp / "nowhere").string() + ": no such folder", 0) == 0);
  fs::create_directories(tmp / "empty");
  const auto empty = run_cli({"report", (tmp / "empty").string()});
  CHECK(empty.exit_code == to_int(ExitCode::usage));
  CHECK(empty.err.rfind("ttftbench: error: " + (tmp / "empty").string() + ": no samples.csv in this folder", 0) == 0);
}

TEST_CASE("report --assert: all pass -> 0, one fails -> 1, a syntax error -> 2 with nothing printed") {
  const auto pass =
      run_cli({"report", kMergeRegions, "--assert", "*.warm.ttft.p95 < 10s", "--assert", "edge.warm.n == 3"});
  CHECK(pass.exit_code == to_int(ExitCode::ok));
  CHECK(pass.out.rfind(kTables, 0) == 0);
  CHECK(contains(pass.out, "\nPASS edge.warm.ttft.p95 < 10s (measured "));
  CHECK(contains(pass.out, "\nPASS central.warm.ttft.p95 < 10s (measured "));
  CHECK(contains(pass.out, "\nPASS edge.warm.n == 3 (measured 3)\n"));

  const auto failed =
      run_cli({"report", kMergeRegions, "--assert", "edge.warm.ttft.p50 < 1ms", "--assert", "edge.hot.n > 0"});
  CHECK(failed.exit_code == to_int(ExitCode::check_failed));
  CHECK(contains(failed.out, "\nFAIL edge.warm.ttft.p50 < 1ms (measured 50.58 ms)\n"));
  CHECK(contains(failed.out, "\nFAIL edge.hot.n > 0 (no phase \"hot\" in the report (phases: cold, warm, all))\n"));

  const auto csv = run_cli({"report", kMergeRegions, "--format", "csv", "--assert", "edge.warm.n == 3"});
  CHECK(csv.exit_code == to_int(ExitCode::ok));
  CHECK(csv.err == "PASS edge.warm.n == 3 (measured 3)\n");  // stdout stays CSV
  CHECK_FALSE(contains(csv.out, "PASS"));

  const auto bad = run_cli({"report", kMergeRegions, "--assert", "edge.warm.ttft.p95 < 400mss"});
  CHECK(bad.exit_code == to_int(ExitCode::usage));
  CHECK(bad.out.empty());
  CHECK(bad.err.rfind("ttftbench: error: --assert: edge.warm.ttft.p95 < 400mss\n", 0) == 0);
  CHECK(contains(bad.err, "^ unknown unit \"mss\" (expected ms, s, %, usd)"));
}

TEST_CASE("report: --summary-md writes the Markdown, GITHUB_STEP_SUMMARY from the environment gets it appended") {
  TempDir tmp;
  std::ofstream(tmp / "step.md", std::ios::binary) << "earlier step\n";
  const auto result =
      run_cli({"report", kMergeRegions, "--summary-md", (tmp / "summary.md").string(), "--assert", "edge.warm.n == 3"},
              {{"GITHUB_STEP_SUMMARY", (tmp / "step.md").string()}});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  const std::string summary = read_file(tmp / "summary.md");
  CHECK(summary == run_cli({"report", kMergeRegions, "--format", "markdown", "--assert", "edge.warm.n == 3"}).out);
  CHECK(contains(summary, "\n## Assertions\n\n- **PASS** `edge.warm.n == 3` (measured 3)\n"));
  CHECK(read_file(tmp / "step.md") == "earlier step\n" + summary + "\n");
}

TEST_CASE("report --by region: one table per region of the folders given, then all regions") {
  TempDir tmp;
  const fs::path eu = ttft::test::copy_results_fixture(tmp, "merge-regions", "eu");
  const fs::path us = ttft::test::copy_results_fixture(tmp, "merge-regions", "us");
  // Relabel the copy's rows: the run id's end, then the region column.
  const std::string rows = ttft::test::replace_all(read_file(us / "samples.csv"), "-eu,eu,", "-eu,us,");
  std::ofstream(us / "samples.csv", std::ios::binary | std::ios::trunc) << rows;
  const auto table = run_cli({"report", eu.string(), us.string(), "--by", "region"});
  INFO(table.err);
  CHECK(table.exit_code == to_int(ExitCode::ok));
  const auto eu_at = table.out.find("region eu\n");
  const auto us_at = table.out.find("region us\n");
  const auto all_at = table.out.find("all regions\n");
  REQUIRE(all_at != std::string::npos);
  CHECK(eu_at < us_at);
  CHECK(us_at < all_at);
  const auto csv = parse_csv(run_cli({"report", eu.string(), us.string(), "--by", "region", "--format", "csv"}).out);
  REQUIRE_FALSE(csv.header.empty());
  CHECK(csv.header.front() == "region");
  CHECK(csv.rows.size() == 3 * 42);  // eu, us, all
}
