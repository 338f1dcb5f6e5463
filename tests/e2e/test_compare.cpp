// `ttftbench compare` as CI runs it: a baseline run against candidates whose simulated
// edge is 30% slower (a regression, exit 1, naming edge), equal (a different run of the same file)
// and 3% slower under a 10% threshold (exit 0); the Markdown and JSON formats; usage errors.
// The runs are live, so the "no regression" decisions allow one repeat of the candidate's run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_ttftbench;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

/// Runs compare_<variant>.json into `out` with its own seed (so the simulator draws differ).
std::string run_variant(const fs::path& out, const std::string& variant, int seed) {
  const auto run = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", "compare_" + variant + ".json").string(),
                              "--out", out.string(), "--seed", std::to_string(seed)});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return out.string();
}

/// compare's exit code for a candidate that should show no regression: on a busy machine one
/// run can be slowed as a whole, so a regression found is checked once more on a fresh run.
int no_regression_exit(const std::string& baseline, const fs::path& out, const std::string& variant,
                       const std::vector<std::string>& extra) {
  ProcessResult compare;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const fs::path folder = out.string() + "-" + std::to_string(attempt);
    std::vector<std::string> args = {"compare", baseline, run_variant(folder, variant, 20 + attempt)};
    args.insert(args.end(), extra.begin(), extra.end());
    compare = run_ttftbench(args);
    if (compare.exit_code != 1) break;
  }
  INFO(compare.out << compare.err);
  return compare.exit_code;
}

}  // namespace

TEST_CASE("compare: 30% slower edge is a regression naming edge, equal and 3% slower are not") {
  TempDir tmp;
  const std::string baseline = run_variant(tmp / "base", "base", 1);
  const std::string slow = run_variant(tmp / "slow", "slow", 2);

  const auto table = run_ttftbench({"compare", baseline, slow});
  INFO(table.out << table.err);
  CHECK(table.exit_code == 1);
  CHECK(table.out.rfind("regression: edge warm ttft p50 +", 0) == 0);
  const std::string verdict = table.out.substr(0, table.out.find('\n'));
  CHECK(verdict.find("central") == std::string::npos);
  CHECK(table.out.find("(significantly more than 10% slower)") != std::string::npos);
  CHECK(table.err.find("warning: baseline and candidate come from different scenario files (SHA-256 ") == 0);

  const fs::path summary = tmp / "summary.md";
  const fs::path step_summary = tmp / "step.md";
  const auto md = run_ttftbench({"compare", baseline, slow, "--format", "markdown", "--summary-md", summary.string()},
                            {"GITHUB_STEP_SUMMARY=" + step_summary.string()});
  CHECK(md.exit_code == 1);
  CHECK(md.out.rfind("# ttftbench compare\n\n**\u274c Regression:** edge warm ttft p50 +", 0) == 0);
  CHECK(md.out.find("\n| target | phase | metric | stat | baseline | candidate | change | 95% CI | p | n | verdict |\n") !=
        std::string::npos);
  CHECK(md.out.find("| edge | warm | ttft | p50 |") != std::string::npos);
  CHECK(md.out.find("50/50 | \u274c REGRESSION |") != std::string::npos);
  CHECK(md.out.find("**Note:** baseline and candidate come from different scenario files") != std::string::npos);
  CHECK(read_file(summary) == md.out);
  CHECK(read_file(step_summary) == md.out + "\n");

  const auto json = run_ttftbench({"compare", baseline, slow, "--format", "json"});
  CHECK(json.exit_code == 1);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["regression"] == true);
  int edge_regressions = 0;
  for (const auto& row : parsed["rows"]) {
    const bool regressed = row["p50"]["regression"] == true || row["p95"]["regression"] == true;
    if (row["target"] == "central") CHECK_FALSE(regressed);
    if (row["target"] == "edge" && regressed) ++edge_regressions;
  }
  CHECK(edge_regressions >= 1);

  CHECK(no_regression_exit(baseline, tmp / "equal", "base", {}) == 0);
  CHECK(no_regression_exit(baseline, tmp / "slight", "slight", {"--max-regression", "10%"}) == 0);
}

TEST_CASE("compare: a bad threshold or folder exits 2, a side without successes exits 3") {
  TempDir tmp;
  const fs::path fixture = fs::path(TTFT_FIXTURES_DIR) / "results" / "merge-regions";
  const std::string good = fixture.string();

  for (const char* bad : {"10", "-5%", "ten%", "%"}) {
    INFO(bad);
    const auto refused = run_ttftbench({"compare", good, good, std::string("--max-regression=") + bad});
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.empty());
    CHECK(refused.err.rfind("ttftbench: error: --max-regression: expected a percentage", 0) == 0);
    CHECK(refused.err.find("hint: give a percentage with its %, e.g. --max-regression 5%") != std::string::npos);
  }
  const auto same = run_ttftbench({"compare", good, good});
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);  // a folder against itself (3 warm rows per target: too few to decide)
  CHECK(same.out.rfind("no regression: ", 0) == 0);

  const auto missing = run_ttftbench({"compare", good, (tmp / "nowhere").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.rfind("ttftbench: error: " + (tmp / "nowhere").string() + ": no such folder", 0) == 0);

  const fs::path failed = tmp / "failed";
  const auto all_500 = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", "all_http_500.json").string(), "--out",
                                  failed.string()});
  REQUIRE(all_500.exit_code == 3);
  const auto nothing = run_ttftbench({"compare", good, failed.string()});
  CHECK(nothing.exit_code == 3);
  CHECK(nothing.out.empty());
  CHECK(nothing.err.find("ttftbench: error: " + failed.string() + ": no successful request to compare (all 6 failed)") !=
        std::string::npos);
}
