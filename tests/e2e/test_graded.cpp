// Graded answers as a user runs them (docs/scenario.md ("Graded prompts")): the simulator's quiz
// graded row by row, the report's accuracy section in every format, and --assert on accuracy.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::parse_csv;
using ttft::test::read_file;
using ttft::test::run_ttftbench;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("run: the simulator's quiz graded, accuracy reported and asserted") {
  TempDir tmp;
  const fs::path out = tmp / "quiz";
  const auto run = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", "quiz.json").string(), "--out", out.string(),
                                  "--assert", "right.all.accuracy >= 90%"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, "\nPASS right.all.accuracy >= 90% (measured 100% (60 of 60 graded answers right))\n"));

  // Every row is graded: "right" and the non-streaming "whole" always right, "shaky" about half.
  const auto csv = parse_csv(read_file(out / "samples.csv"));
  REQUIRE(csv.rows.size() == 180);
  std::map<std::string, int> right;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const std::string& correct = csv.cell(i, "correct");
    REQUIRE((correct == "1" || correct == "0"));
    right[csv.cell(i, "target")] += correct == "1" ? 1 : 0;
  }
  CHECK(right["right"] == 60);
  CHECK(right["whole"] == 60);
  CHECK(right["shaky"] > 15);  // 30 expected at the rate 0.5; seeded, so the same every run
  CHECK(right["shaky"] < 45);

  CHECK(contains(run.out, "Accuracy (graded answers; failed requests are not graded)"));
  CHECK(contains(run.out, "right vs shaky, warm accuracy: right answers correctly more often (100.0% vs "));
  CHECK(contains(read_file(out / "report.md"), "Accuracy (graded answers"));
  CHECK(contains(read_file(out / "report.html"), "Accuracy (graded answers"));
  const auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  REQUIRE(summary.contains("accuracy"));
  const auto& rows = summary["accuracy"]["rows"];
  REQUIRE(rows.size() == 6);  // three targets × warm, all
  CHECK(rows[0]["target"] == "right");
  CHECK(rows[0]["accuracy"] == 1.0);
  CHECK(rows[2]["target"] == "shaky");
  CHECK(rows[2]["correct"] == right["shaky"]);
  CHECK(rows[2]["graded"] == 60);
  CHECK(summary["accuracy"]["verdicts"][0]["significant"] == true);
  const std::string summary_csv = read_file(out / "summary.csv");
  CHECK(contains(summary_csv, "\nright,warm,accuracy,fraction,60,0,1.000,,,,,,,,,,\n"));
  CHECK(contains(summary_csv, "\nshaky,all,accuracy,fraction,60,0,"));

  // The gate on the recorded folder: exit 0 when every assertion holds, 1 when one fails
  // (docs/commands.md ("Assertions")), on either side of the measured share.
  const std::string dir = out.string();
  const auto pass = run_ttftbench({"report", dir, "--assert", "whole.all.accuracy >= 100%", "--assert",
                                   "shaky.warm.accuracy > 0.2", "--assert", "shaky.warm.accuracy < 80%"});
  CHECK(pass.exit_code == 0);
  const auto fail = run_ttftbench({"report", dir, "--assert", "shaky.warm.accuracy >= 90%"});
  CHECK(fail.exit_code == 1);
  CHECK(contains(fail.out, "\nFAIL shaky.warm.accuracy >= 90% (measured "));
  const auto strict = run_ttftbench({"report", dir, "--assert", "whole.all.accuracy < 100%"});
  CHECK(strict.exit_code == 1);
}
