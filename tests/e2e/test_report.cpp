// `ttftbench report` and the CI gates as a user runs them: merging regions, scenario
// checks, --assert on run and report, --summary-md and GitHub's step summary, partial folders.
// Exact comparisons go through fixed rows (a committed results folder, or rows a run wrote).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::parse_csv;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_ttftbench;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

const std::string kMergeScenario = scenario_fixture("e2e", "merge_regions.json").string();

/// `run` of the merge scenario into `out`, with `extra` arguments.
ProcessResult run_merge_scenario(const fs::path& out, std::vector<std::string> extra = {},
                                 const std::vector<std::string>& env = {}) {
  std::vector<std::string> args = {"--quiet", "run", kMergeScenario, "--out", out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_ttftbench(args, env);
}

/// A copy of the committed results folder (tests/fixtures/results/merge-regions) in `into`.
fs::path fixture_folder(const TempDir& into, const std::string& name = "run") {
  const fs::path copy = into / name;
  fs::copy(fs::path(TTFT_FIXTURES_DIR) / "results" / "merge-regions", copy, fs::copy_options::recursive);
  return copy;
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

nlohmann::ordered_json read_json(const fs::path& path) { return nlohmann::ordered_json::parse(read_file(path)); }

/// summary.csv text without its header line.
std::string body_of(const std::string& csv) { return csv.substr(csv.find('\n') + 1); }

/// The rows of a grouped CSV whose first cell is `label`, with that cell removed.
std::string rows_labelled(const std::string& grouped_csv, const std::string& label) {
  std::string out;
  std::size_t start = grouped_csv.find('\n') + 1;
  while (start < grouped_csv.size()) {
    const std::size_t end = grouped_csv.find('\n', start) + 1;
    const std::string line = grouped_csv.substr(start, end - start);
    if (line.rfind(label + ",", 0) == 0) out += line.substr(label.size() + 1);
    start = end;
  }
  return out;
}

}  // namespace

// `run` writes its summaries by the same function `report` uses, on the folder it has just written.
TEST_CASE("report of one folder reproduces the run's own summary files exactly") {
  TempDir tmp;
  const auto run = run_merge_scenario(tmp / "one");
  REQUIRE(run.exit_code == 0);
  const auto csv = run_ttftbench({"report", (tmp / "one").string(), "--format", "csv"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out == read_file(tmp / "one" / "summary.csv"));
  const auto json = run_ttftbench({"report", (tmp / "one").string(), "--format", "json"});
  CHECK(json.out == read_file(tmp / "one" / "summary.json"));
  const auto md = run_ttftbench({"report", (tmp / "one").string(), "--format", "markdown"});
  CHECK(md.out == read_file(tmp / "one" / "report.md"));
  const auto html = run_ttftbench({"report", (tmp / "one").string(), "--format", "html"});
  CHECK(html.exit_code == 0);
  CHECK(html.out == read_file(tmp / "one" / "report.html"));
  const auto table = run_ttftbench({"report", (tmp / "one").string()});
  CHECK(table.exit_code == 0);
  CHECK(table.out == run.out);  // the tables run printed
}

TEST_CASE("merge: report --by region equals each run's summary and the concatenated rows overall") {
  TempDir tmp;
  const std::vector<std::pair<std::string, std::string>> regions = {
      {"eu-west", "fast"}, {"us-east", "edge"}, {"ap-south", "fast"}};
  std::vector<std::string> dirs;
  for (const auto& [region, profile] : regions) {
    const fs::path out = tmp / region;
    const auto run = run_merge_scenario(out, {"--region", region}, {"EDGE_PROFILE=" + profile});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    dirs.push_back(out.string());
  }
  std::vector<std::string> args = {"report", "--by", "region", "--format", "csv"};
  args.insert(args.end(), dirs.begin(), dirs.end());
  const auto merged = run_ttftbench(args);
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  const std::string header = read_file(fs::path(dirs[0]) / "summary.csv");
  CHECK(merged.out.rfind("region," + header.substr(0, header.find('\n') + 1), 0) == 0);
  for (const auto& dir : dirs) {
    const std::string region = fs::path(dir).filename().string();
    INFO(region);
    CHECK(rows_labelled(merged.out, region) == body_of(read_file(fs::path(dir) / "summary.csv")));
  }

  // The same rows in one folder: the first run's manifest, every run's samples.csv rows.
  const fs::path together = tmp / "together";
  fs::create_directories(together);
  fs::copy_file(fs::path(dirs[0]) / "manifest.json", together / "manifest.json");
  std::string rows = read_file(fs::path(dirs[0]) / "samples.csv");
  for (std::size_t i = 1; i < dirs.size(); ++i) rows += body_of(read_file(fs::path(dirs[i]) / "samples.csv"));
  write_text(together / "samples.csv", rows);
  const auto single = run_ttftbench({"report", together.string(), "--format", "csv"});
  REQUIRE(single.exit_code == 0);
  CHECK(rows_labelled(merged.out, "all") == body_of(single.out));

  std::vector<std::string> table_args = {"report", "--by", "region"};
  table_args.insert(table_args.end(), dirs.begin(), dirs.end());
  const auto table = run_ttftbench(table_args);
  CHECK(table.exit_code == 0);
  for (const char* title : {"region eu-west\n", "region us-east\n", "region ap-south\n", "all regions\n"}) {
    CHECK(table.out.find(title) != std::string::npos);
  }
}

TEST_CASE("merge: different scenario files are refused unless --allow-mixed") {
  TempDir tmp;
  const fs::path a = fixture_folder(tmp, "a"), b = fixture_folder(tmp, "b");
  auto manifest = read_json(b / "manifest.json");
  manifest["scenario_sha256"] = std::string(64, 'f');
  write_text(b / "manifest.json", manifest.dump(2));

  const auto refused = run_ttftbench({"report", a.string(), b.string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.empty());
  const std::string expected = "ttftbench: error: " + b.string() + ": its scenario differs from " + a.string() + "'s";
  CHECK(refused.err.rfind(expected, 0) == 0);
  CHECK(refused.err.find("--allow-mixed merges anyway") != std::string::npos);

  const auto mixed = run_ttftbench({"report", a.string(), b.string(), "--allow-mixed", "--format", "markdown"});
  CHECK(mixed.exit_code == 0);
  CHECK(mixed.err.find("warning: merged from different scenario files (--allow-mixed)") != std::string::npos);
  CHECK(mixed.out.find("**Note:** merged from different scenario files (--allow-mixed): " + a.string()) !=
        std::string::npos);
}

TEST_CASE("report: a folder without samples.csv is a usage error naming it") {
  TempDir tmp;
  fs::create_directories(tmp / "empty");
  const auto missing = run_ttftbench({"report", (tmp / "empty").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.rfind("ttftbench: error: " + (tmp / "empty").string() + ": no samples.csv in this folder", 0) == 0);
  const auto nothing = run_ttftbench({"report", (tmp / "nowhere").string()});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.find("no such folder") != std::string::npos);
}

TEST_CASE("report --assert: pass, fail, wildcards and syntax errors with the caret") {
  TempDir tmp;
  const std::string dir = fixture_folder(tmp).string();
  const auto pass = run_ttftbench({"report", dir, "--assert", "*.warm.ttft.p95 < 10s", "--assert",
                               "edge.cost.output_usd_per_mtok <= 0.5", "--assert", "central.warm.error_rate < 1%"});
  INFO(pass.out << pass.err);
  CHECK(pass.exit_code == 0);
  CHECK(pass.out.find("\nPASS edge.warm.ttft.p95 < 10s (measured ") != std::string::npos);
  CHECK(pass.out.find("\nPASS central.warm.ttft.p95 < 10s (measured ") != std::string::npos);
  CHECK(pass.out.find("\nPASS edge.cost.output_usd_per_mtok <= 0.5 (measured 0.5 USD)\n") != std::string::npos);
  CHECK(pass.out.find("\nPASS central.warm.error_rate < 1% (measured 0% (0 of 3 failed))\n") != std::string::npos);

  const auto failed = run_ttftbench({"report", dir, "--assert", "edge.warm.ttft.p50 < 1ms", "--assert", "edge.hot.n > 0"});
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.find("\nFAIL edge.warm.ttft.p50 < 1ms (measured ") != std::string::npos);
  CHECK(failed.out.find("\nFAIL edge.hot.n > 0 (no phase \"hot\" in the report (phases: cold, warm, all))\n") !=
        std::string::npos);

  const auto before_dir = run_ttftbench({"report", "--assert", "edge.warm.n == 3", dir});  // one EXPR per --assert
  CHECK(before_dir.exit_code == 0);

  const auto csv = run_ttftbench({"report", dir, "--format", "csv", "--assert", "edge.warm.n == 3"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.err == "PASS edge.warm.n == 3 (measured 3)\n");  // stdout stays CSV
  CHECK(parse_csv(csv.out).header.front() == "target");

  const auto bad = run_ttftbench({"report", dir, "--assert", "edge.warm.ttft.p95 < 400mss"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  const std::string first = "ttftbench: error: --assert: edge.warm.ttft.p95 < 400mss\n";
  REQUIRE(bad.err.rfind(first, 0) == 0);
  const std::string caret_line = bad.err.substr(first.size(), bad.err.find('\n', first.size()) - first.size());
  CHECK(caret_line.find('^') == first.find("mss"));
  CHECK(caret_line.substr(caret_line.find('^')) == "^ unknown unit \"mss\" (expected ms, s, %, usd)");
}

TEST_CASE("run --assert: exit 1 on a failed assertion, 2 before sending on a bad one, 3 stays 3") {
  TempDir tmp;
  const auto pass = run_merge_scenario(tmp / "pass", {"--assert", "*.*.error_rate == 0%"});
  CHECK(pass.exit_code == 0);
  CHECK(pass.out.find("\nPASS edge.cold.error_rate == 0% (measured 0% (0 of 1 failed))\n") != std::string::npos);
  CHECK(pass.out.find("\nPASS central.warm.error_rate == 0% (measured 0% (0 of 3 failed))\n") != std::string::npos);

  const auto failed = run_merge_scenario(tmp / "fail", {"--assert", "edge.warm.ttft.max < 1ms"});
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.find("\nFAIL edge.warm.ttft.max < 1ms (measured ") != std::string::npos);
  CHECK(fs::exists(tmp / "fail" / "summary.csv"));

  const auto syntax = run_merge_scenario(tmp / "syntax", {"--assert", "edge.warm.ttft.p95 <= 4OOms"});
  CHECK(syntax.exit_code == 2);
  CHECK(syntax.err.find("^ unknown unit \"OOms\" (expected ms, s, %, usd)") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "syntax"));

  const auto name = run_merge_scenario(tmp / "name", {"--assert", "egde.warm.ttft.p95 < 1s"});
  CHECK(name.exit_code == 2);
  CHECK(name.err.find("^ no target \"egde\" (targets: edge, central)") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "name"));

  const auto all_failed = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", "all_http_500.json").string(), "--out",
                                     (tmp / "500").string(), "--assert", "a.warm.error_rate < 1%"});
  CHECK(all_failed.exit_code == 3);
  CHECK(all_failed.out.find("\nFAIL a.warm.error_rate < 1% (measured 100% (3 of 3 failed))\n") != std::string::npos);
}

TEST_CASE("summary-md: the file gets the Markdown and GITHUB_STEP_SUMMARY has it appended") {
  TempDir tmp;
  const std::string dir = fixture_folder(tmp).string();
  write_text(tmp / "step.md", "earlier step\n");
  const auto report = run_ttftbench({"report", dir, "--summary-md", (tmp / "summary.md").string(), "--assert",
                                 "edge.warm.n == 3"},
                                {"GITHUB_STEP_SUMMARY=" + (tmp / "step.md").string()});
  INFO(report.err);
  CHECK(report.exit_code == 0);
  const std::string summary = read_file(tmp / "summary.md");
  CHECK(summary.rfind("# ttftbench: merge-regions\n", 0) == 0);
  CHECK(summary.find("## Time to first token (ms)") != std::string::npos);
  CHECK(summary.find("\n## Assertions\n\n- **PASS** `edge.warm.n == 3` (measured 3)\n") != std::string::npos);
  CHECK(read_file(tmp / "step.md") == "earlier step\n" + summary + "\n");

  const auto run = run_merge_scenario(tmp / "live", {"--assert", "edge.warm.n == 3"},
                                      {"GITHUB_STEP_SUMMARY=" + (tmp / "live-step.md").string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string step = read_file(tmp / "live-step.md");
  CHECK(step.rfind(read_file(tmp / "live" / "report.md"), 0) == 0);
  CHECK(step.find("- **PASS** `edge.warm.n == 3` (measured 3)") != std::string::npos);
}

TEST_CASE("report works on a partial folder: interrupted manifest, torn last row, no summaries") {
  TempDir tmp;
  const fs::path dir = fixture_folder(tmp);
  auto manifest = read_json(dir / "manifest.json");
  manifest["interrupted"] = true;
  write_text(dir / "manifest.json", manifest.dump(2));
  std::string rows = read_file(dir / "samples.csv");
  const auto rows_before = parse_csv(rows).rows.size();
  write_text(dir / "samples.csv", rows + "merge-regions-cut,eu,,warm,false,99,edge,work");  // no line end
  const auto report = run_ttftbench({"report", dir.string(), "--assert", "*.all.n >= 1"});
  INFO(report.err);
  CHECK(report.exit_code == 0);
  CHECK(report.out.rfind("interrupted: figures cover the requests finished so far\n", 0) == 0);
  CHECK(report.err.find("ignored a partial last row") != std::string::npos);
  const auto csv = run_ttftbench({"report", dir.string(), "--format", "csv", "--assert", "*.all.n >= 1"});
  std::size_t total = 0;
  const auto table = parse_csv(csv.out);
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (table.cell(row, "phase") != "all" || table.cell(row, "metric") != "e2e") continue;
    total += std::stoul(table.cell(row, "n"));
  }
  CHECK(total == rows_before);

  // Rows only (a crash before the manifest was rewritten, or a copied CSV): still a report.
  fs::remove(dir / "manifest.json");
  const auto rows_only = run_ttftbench({"report", dir.string()});
  CHECK(rows_only.exit_code == 0);
  CHECK(rows_only.err.find("no manifest.json") != std::string::npos);
  CHECK(rows_only.out.find("Time to first token (ms)") != std::string::npos);
}
