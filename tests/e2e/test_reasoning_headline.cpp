// The scenario's headline against a reasoning model on the simulator (docs/metrics.md, "Reasoning
// models"): with the default headline the report warns that central streamed reasoning and adds
// the first_answer verdicts; with "headline": "first_answer" the table and verdicts use it. The
// simulator's latencies are fixed and far apart, so the verdicts' winners are certain.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using ttft::test::contains;
using ttft::test::read_file;
using ttft::test::TempDir;

namespace {

const std::string kNote =
    "central streamed reasoning before its answer: the headline counts its first reasoning token; the "
    "first_answer verdicts below count what the user sees";

/// `run` of reasoning_headline.json with `headline` into `out`; its stdout (the report).
std::string run_with_headline(const std::string& headline, const fs::path& out) {
  const auto run = ttft::test::run_ttftbench(
      {"--quiet", "run", ttft::test::scenario_fixture("e2e", "reasoning_headline.json").string(), "--out", out.string()},
      {"TTFT_E2E_HEADLINE=" + headline});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  return run.out;
}

}  // namespace

TEST_CASE("a reasoning target under the ttft headline: the note and the first_answer verdicts") {
  TempDir tmp;
  const std::string out = run_with_headline("ttft", tmp / "run");
  INFO(out);
  CHECK(contains(out, "note: " + kNote + "\n"));
  CHECK(contains(out, "Time to first token (ms)\n"));
  CHECK(contains(out, "\nwarm p50: central faster by "));
  CHECK(contains(out, "\nfirst_answer warm p50: edge faster by "));
  const std::string markdown = read_file(tmp / "run" / "report.md");
  CHECK(contains(markdown, "**Note:** " + kNote));
  CHECK(contains(markdown, "- first_answer warm p95: edge faster by "));
  const Json summary = Json::parse(read_file(tmp / "run" / "summary.json"));
  CHECK(summary["reasoning_note"] == kNote);
  CHECK(summary["verdicts"].size() == 4);
  bool first_answer_row = false;
  for (const Json& row : summary["rows"]) first_answer_row = first_answer_row || row["metric"] == "first_answer";
  CHECK(first_answer_row);
  // `report` re-renders the same from the folder.
  const auto again = ttft::test::run_ttftbench({"report", (tmp / "run").string()});
  CHECK(again.out == out);
}

TEST_CASE("headline first_answer: the table and the verdicts use it, with no note") {
  TempDir tmp;
  const std::string out = run_with_headline("first_answer", tmp / "run");
  INFO(out);
  CHECK_FALSE(contains(out, "note: "));
  CHECK(contains(out, "First answer (ms)\n"));
  CHECK_FALSE(contains(out, "Time to first token (ms)"));
  CHECK(contains(out, "A/B verdicts (first answer)\n"));
  CHECK(contains(out, "\nwarm p50: edge faster by "));
  CHECK_FALSE(contains(out, "central faster"));
  const Json summary = Json::parse(read_file(tmp / "run" / "summary.json"));
  CHECK(summary["run"]["headline"] == "first_answer");
  CHECK_FALSE(summary.contains("reasoning_note"));
  for (const Json& verdict : summary["verdicts"]) CHECK(verdict["metric"] == "first_answer");
}
