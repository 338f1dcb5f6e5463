// Graded answers as a user runs them (docs/scenario.md ("Graded prompts")): the simulator's quiz
// graded row by row, the report's accuracy section in every format, and --assert on accuracy.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
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

TEST_CASE("validate: the shipped quiz scenario reads its graded prompts") {
  const auto r = run_ttftbench({"validate", (fs::path(TTFT_SOURCE_DIR) / "scenarios" / "quiz.json").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "200 (100 per target)"));
}

TEST_CASE("report --grade: a recorded run graded after the fact from its outputs.jsonl") {
  // tests/fixtures/results/graded-quiz: 8 rows as a quiz run recorded them (shaky 3 of 4 right)
  // and a hand-written outputs.jsonl: right answers all 4; shaky "Lyon" (wrong), "It is TOKYO!"
  // (right: contains, ignore_case), "Sydney" (wrong), and a timeout (ungraded).
  TempDir tmp;
  const fs::path dir = tmp / "run";
  fs::copy(fs::path(TTFT_FIXTURES_DIR) / "results" / "graded-quiz", dir, fs::copy_options::recursive);
  const std::string quiz = (fs::path(TTFT_SOURCE_DIR) / "scenarios" / "prompts" / "quiz.jsonl").string();
  const std::string samples_before = read_file(dir / "samples.csv");

  const auto as_recorded = run_ttftbench({"report", dir.string(), "--format", "json"});
  REQUIRE(as_recorded.exit_code == 0);
  CHECK(nlohmann::json::parse(as_recorded.out)["accuracy"]["rows"][2]["correct"] == 3);

  const auto graded = run_ttftbench({"report", dir.string(), "--grade", quiz, "--format", "json", "--assert",
                                     "shaky.warm.accuracy < 50%", "--assert", "right.all.accuracy >= 100%"});
  INFO(graded.err);
  REQUIRE(graded.exit_code == 0);
  const auto rows = nlohmann::json::parse(graded.out)["accuracy"]["rows"];
  CHECK(rows[0]["target"] == "right");
  CHECK(rows[0]["correct"] == 4);
  CHECK(rows[0]["graded"] == 4);
  CHECK(rows[2]["target"] == "shaky");
  CHECK(rows[2]["correct"] == 1);
  CHECK(rows[2]["graded"] == 3);
  CHECK(read_file(dir / "samples.csv") == samples_before);  // graded in memory only
  CHECK(run_ttftbench({"report", dir.string(), "--grade", quiz, "--assert", "shaky.warm.accuracy >= 50%"}).exit_code == 1);
}

TEST_CASE("report --grade: a missing outputs.jsonl, a bad line and a bad prompts file are located errors") {
  TempDir tmp;
  const fs::path dir = tmp / "run";
  fs::copy(fs::path(TTFT_FIXTURES_DIR) / "results" / "graded-quiz", dir, fs::copy_options::recursive);
  const std::string quiz = (fs::path(TTFT_SOURCE_DIR) / "scenarios" / "prompts" / "quiz.jsonl").string();
  const auto write = [](const fs::path& path, const std::string& text) { std::ofstream(path) << text; };

  write(dir / "outputs.jsonl", "{\"request_id\": \"r\", \"target\": \"a\", \"phase\": \"warm\", \"seq\": 0, "
                               "\"prompt_index\": 0, \"text\": \"Paris\"}\n\n{\"request_id\": \"r2\"}\n");
  auto r = run_ttftbench({"report", dir.string(), "--grade", quiz});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "outputs.jsonl:3: missing \"target\""));
  write(dir / "outputs.jsonl", "{\"request_id\": \"r\", \"target\": \"a\", \"phase\": \"warm\", \"seq\": 0, "
                               "\"prompt_index\": -1, \"text\": \"Paris\"}\n");
  r = run_ttftbench({"report", dir.string(), "--grade", quiz});
  CHECK(contains(r.err, "outputs.jsonl:1: \"prompt_index\" must be a whole number or null, got -1"));
  write(dir / "outputs.jsonl", "{\"request_id\": \"r\", \"target\": \"a\", \"phase\": \"warm\", \"seq\": 0, "
                               "\"prompt_index\": 20, \"text\": \"Paris\"}\n");
  r = run_ttftbench({"report", dir.string(), "--grade", quiz});
  CHECK(contains(r.err, "request r answered prompt 20, but " + quiz + " has 20 prompts"));
  write(dir / "outputs.jsonl", "not json\n");
  CHECK(contains(run_ttftbench({"report", dir.string(), "--grade", quiz}).err, "outputs.jsonl:1: not valid JSON"));

  write(tmp / "bad.jsonl", "{\"prompt\": \"a\", \"expected\": {\"regex\": \"[\"}}\n");
  r = run_ttftbench({"report", dir.string(), "--grade", (tmp / "bad.jsonl").string()});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "bad.jsonl:1: /expected/regex: bad regex \"[\": "));
  write(tmp / "ungraded.jsonl", "{\"prompt\": \"a\"}\n");
  CHECK(contains(run_ttftbench({"report", dir.string(), "--grade", (tmp / "ungraded.jsonl").string()}).err,
                 "no prompt has an \"expected\" answer"));

  fs::remove(dir / "outputs.jsonl");
  r = run_ttftbench({"report", dir.string(), "--grade", quiz});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "ttftbench: error: " + (dir / "outputs.jsonl").string() + ": no recorded answers to grade"));
  CHECK(contains(r.err, "--record-outputs"));
}
