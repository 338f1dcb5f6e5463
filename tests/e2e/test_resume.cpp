// Crash safety and `run --resume DIR` (docs/commands.md ("Resuming a run")): runs killed with SIGKILL at 20
// random points leave only complete rows, which `report` reads, and a resume finishes each with
// every planned request exactly once; then a complete folder, a torn last line and a stale temp
// file made by hand, and a changed scenario file or flags. Kill points vary; the checks do not.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::BackgroundProcess;
using ttft::test::CsvTable;
using ttft::test::parse_csv;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

const std::string kScenario = scenario_fixture("e2e", "resume_kill.json").string();
constexpr int kKills = 20;

using RowKey = std::tuple<std::string, long long, std::string>;  // phase, seq, target

ProcessResult ttftbench(const fs::path& cwd, const std::vector<std::string>& args) {
  return ttft::test::run_ttftbench_in(cwd, args);
}

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(read_file(path)); }

/// samples.csv of `folder`, after checking that every line is a complete row: the file ends with
/// a line end and every record has every column of the header.
CsvTable complete_rows(const fs::path& folder) {
  const std::string text = read_file(folder / "samples.csv");
  REQUIRE_FALSE(text.empty());
  CHECK(text.back() == '\n');
  CsvTable csv = parse_csv(text);
  REQUIRE(csv.header.size() >= 33);
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    INFO("row " << row);
    REQUIRE(csv.rows[row].size() == csv.header.size());
  }
  return csv;
}

std::multiset<RowKey> row_keys(const CsvTable& csv) {
  std::multiset<RowKey> keys;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    keys.insert({csv.cell(row, "phase"), std::stoll(csv.cell(row, "seq")), csv.cell(row, "target")});
  }
  return keys;
}

/// A finished folder: `expected` exactly once, every row of the manifest's run (request ids
/// included), and summary.json counting each row once.
void check_finished(const fs::path& folder, const std::multiset<RowKey>& expected) {
  const CsvTable csv = complete_rows(folder);
  CHECK(row_keys(csv) == expected);  // a multiset: a duplicate or a gap would show
  const auto manifest = read_json(folder / "manifest.json");
  CHECK(manifest["ended_at"].is_string());
  CHECK(manifest["interrupted"] == false);
  const std::string run_id = manifest["run_id"];
  std::map<std::string, std::size_t> rows_per_target;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    CHECK(csv.cell(row, "run_id") == run_id);
    CHECK(csv.cell(row, "request_id") == run_id + "-" + csv.cell(row, "target") + "-" + csv.cell(row, "phase") +
                                             "-" + csv.cell(row, "seq"));
    CHECK(csv.cell(row, "error").empty());
    ++rows_per_target[csv.cell(row, "target")];
  }
  const auto summary = read_json(folder / "summary.json");
  CHECK(summary["samples"] == csv.rows.size());
  CHECK(summary["run"]["interrupted"] == false);
  int checked = 0;
  for (const auto& row : summary["rows"]) {
    if (row["metric"] != "ttft" || row["phase"] != "all") continue;
    CHECK(row["n"].get<std::size_t>() + row["errors"].get<std::size_t>() == rows_per_target[row["target"]]);
    ++checked;
  }
  CHECK(checked == static_cast<int>(rows_per_target.size()));
}

/// A complete run of the scenario in `tmp`/whole: its (phase, seq, target) set, which must be
/// validate's count of requests numbered 0..N-1; and how long the run took.
std::multiset<RowKey> run_whole(const TempDir& tmp, std::chrono::milliseconds* took = nullptr) {
  const auto validate = ttftbench(tmp.path(), {"validate", kScenario});
  REQUIRE(validate.exit_code == 0);
  const auto total = ttft::test::validate_request_count(validate.out);
  REQUIRE(total);
  CHECK(*total == 2 * (2 + 12));  // two targets, 2 cold and 12 warm requests each
  const auto start = std::chrono::steady_clock::now();
  const auto whole = ttftbench(tmp.path(), {"--quiet", "run", kScenario, "--out", (tmp / "whole").string()});
  if (took) *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  INFO(whole.err);
  REQUIRE(whole.exit_code == 0);
  const auto keys = row_keys(complete_rows(tmp / "whole"));
  REQUIRE(static_cast<std::int64_t>(keys.size()) == *total);
  std::set<long long> seqs;
  for (const auto& key : keys) seqs.insert(std::get<1>(key));
  CHECK(seqs.size() == keys.size());
  CHECK(*seqs.rbegin() == *total - 1);
  return keys;
}

unsigned kill_seed() {
  if (const char* fixed = std::getenv("TTFT_RESUME_SEED")) return static_cast<unsigned>(std::stoul(fixed));
  return std::random_device{}();
}

}  // namespace

TEST_CASE("kill -9 at 20 random points: complete rows that report reads, and --resume finishes each run once") {
  TempDir tmp;
  std::chrono::milliseconds whole_ms{0};
  const std::multiset<RowKey> expected = run_whole(tmp, &whole_ms);
  const unsigned seed = kill_seed();
  std::cout << "kill points: seed " << seed << " (TTFT_RESUME_SEED=" << seed << " replays the delays), a whole run "
            << whole_ms.count() << " ms\n";
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<long> delay_ms(0, whole_ms.count());
  int cut_short = 0;
  for (int i = 0; i < kKills; ++i) {
    const fs::path folder = tmp / ("killed-" + std::to_string(i));
    const long delay = delay_ms(rng);
    INFO("kill " << i << ": " << delay << " ms after the first row");
    BackgroundProcess run({fs::absolute(ttft::test::ttftbench_bin()).string(), "--quiet", "run", kScenario, "--out",
                           folder.string()});
    REQUIRE(ttft::test::wait_for_csv_rows(folder / "samples.csv", 1, std::chrono::seconds(10)));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    const auto exit_code = run.stop(SIGKILL, std::chrono::seconds(5));
    REQUIRE(exit_code.has_value());  // -1: killed; 0: it had finished first

    const CsvTable at_kill = complete_rows(folder);
    INFO(at_kill.rows.size() << " rows at the kill");
    const bool ended = read_json(folder / "manifest.json")["ended_at"].is_string();
    // The end is recorded before the summaries are written: only a folder with both is finished.
    bool summarised = ended;
    for (const char* file : {"summary.csv", "summary.json", "report.md", "report.html"}) {
      summarised = summarised && fs::exists(folder / file);
    }
    if (at_kill.rows.size() < expected.size()) ++cut_short;
    const auto report = ttftbench(tmp.path(), {"report", folder.string(), "--format", "json"});
    INFO(report.err);
    REQUIRE(report.exit_code == 0);
    const auto partial = nlohmann::json::parse(report.out);
    CHECK(partial["samples"] == at_kill.rows.size());
    CHECK(partial["run"]["interrupted"] == !ended);

    const auto resume = ttftbench(tmp.path(), {"--quiet", "run", "--resume", folder.string()});
    INFO(resume.err);
    REQUIRE(resume.exit_code == 0);
    check_finished(folder, expected);
    CHECK(read_json(folder / "manifest.json")["resumes"].size() == (summarised ? 0U : 1U));
  }
  std::cout << cut_short << " of " << kKills << " kills fell before the last row\n";
  CHECK(cut_short >= kKills / 2);  // the kill points exercise resuming, not only finished runs
}

TEST_CASE("resume: a complete folder has nothing to resume and is left as it was") {
  TempDir tmp;
  const std::multiset<RowKey> expected = run_whole(tmp);
  const fs::path folder = tmp / "whole";
  const std::string rows = read_file(folder / "samples.csv");
  const std::string manifest = read_file(folder / "manifest.json");
  const auto resume = ttftbench(tmp.path(), {"run", "--resume", folder.string()});
  CHECK(resume.exit_code == 0);
  const std::string count = std::to_string(expected.size());
  CHECK(resume.err == "nothing to resume: all " + count + " requests of " + folder.string() + " have rows\n");
  CHECK(resume.out.empty());
  CHECK(read_file(folder / "samples.csv") == rows);
  CHECK(read_file(folder / "manifest.json") == manifest);
}

// The end is recorded in the manifest before the summaries are written (they are built from the
// folder): a kill in between leaves every row and the end, and the resume writes the summaries.
TEST_CASE("resume: a folder with every row but a summary missing gets its summaries, no request sent") {
  TempDir tmp;
  run_whole(tmp);
  const fs::path folder = tmp / "whole";
  const std::string rows = read_file(folder / "samples.csv");
  const std::string summary = read_file(folder / "summary.json");
  fs::remove(folder / "summary.json");
  const auto resume = ttftbench(tmp.path(), {"--quiet", "run", "--resume", folder.string()});
  CHECK(resume.exit_code == 0);
  CHECK(resume.err.empty());
  CHECK(read_file(folder / "samples.csv") == rows);
  REQUIRE(fs::exists(folder / "summary.json"));
  nlohmann::json again = read_json(folder / "summary.json");
  nlohmann::json before = nlohmann::json::parse(summary);
  CHECK(again["rows"] == before["rows"]);
  CHECK(read_json(folder / "manifest.json")["resumes"].size() == 1);
  const auto report = ttftbench(tmp.path(), {"report", folder.string(), "--format", "json"});
  CHECK(report.out == read_file(folder / "summary.json"));
}

TEST_CASE("resume: a torn last line is cut off and its request sent again") {
  TempDir tmp;
  const std::multiset<RowKey> expected = run_whole(tmp);
  const fs::path folder = tmp / "whole";
  std::string text = read_file(folder / "samples.csv");
  const auto last_start = text.rfind('\n', text.size() - 2) + 1;
  const std::string torn = text.substr(last_start, (text.size() - last_start) / 2);
  text.resize(last_start);
  std::ofstream(folder / "samples.csv", std::ios::binary | std::ios::trunc) << text << torn;
  std::ofstream(folder / "summary.json.tmp-Ab12Cd") << "{";  // as a kill inside an atomic write leaves it

  const auto report = ttftbench(tmp.path(), {"report", folder.string(), "--format", "json"});
  CHECK(report.exit_code == 0);
  CHECK(report.err.find("ignored a partial last row") != std::string::npos);
  CHECK(nlohmann::json::parse(report.out)["samples"] == expected.size() - 1);

  const auto resume = ttftbench(tmp.path(), {"--quiet", "run", "--resume", folder.string(), kScenario});
  INFO(resume.err);
  REQUIRE(resume.exit_code == 0);
  CHECK(resume.err.find("warning: " + (folder / "samples.csv").string() + ": cut off a partial last row") !=
        std::string::npos);
  CHECK(read_file(folder / "samples.csv").substr(0, text.size()) == text);  // earlier rows untouched
  check_finished(folder, expected);
  CHECK_FALSE(fs::exists(folder / "summary.json.tmp-Ab12Cd"));
  const auto resumes = read_json(folder / "manifest.json")["resumes"];
  REQUIRE(resumes.size() == 1);
  CHECK(resumes[0]["resumed_at"].is_string());
  CHECK(resumes[0]["command_line"].size() >= 4);
}

TEST_CASE("resume: another scenario file, or a flag that changes the run, exits 2 and changes nothing") {
  TempDir tmp;
  run_whole(tmp);
  const fs::path folder = tmp / "whole";
  std::string text = read_file(folder / "samples.csv");
  text.resize(text.rfind('\n', text.size() - 2) + 1);  // one request left to do
  std::ofstream(folder / "samples.csv", std::ios::binary | std::ios::trunc) << text;
  const std::string manifest = read_file(folder / "manifest.json");
  const std::string recorded_sha = read_json(folder / "manifest.json")["scenario_sha256"];

  const fs::path edited = tmp / "edited.json";
  std::ofstream(edited) << read_file(kScenario) << "// edited after the run\n";
  const auto other = ttftbench(tmp.path(), {"run", "--resume", folder.string(), edited.string()});
  CHECK(other.exit_code == 2);
  CHECK(other.err.rfind("ttftbench: error: " + edited.string() + ": its SHA-256 ", 0) == 0);
  CHECK(other.err.find(recorded_sha.substr(0, 12)) != std::string::npos);
  CHECK(other.err.find((folder / "manifest.json").string()) != std::string::npos);

  const std::vector<std::pair<std::vector<std::string>, std::string>> flags = {
      {{"--out", (tmp / "elsewhere").string()}, "--out: cannot be used with --resume"},
      {{"--seed", "12"}, "--seed: 12 is not the seed the run was started with (11)"},
      {{"--region", "eu"}, "--region: \"eu\" is not the region the run was started with (none)"},
      {{"--shard", "1/2"}, "--shard: shard 1/2 is not the one the run was started with (none)"}};
  for (const auto& [extra, message] : flags) {
    INFO(extra.front());
    std::vector<std::string> args = {"run", "--resume", folder.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto refused = ttftbench(tmp.path(), args);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.rfind("ttftbench: error: " + message, 0) == 0);
  }
  const auto not_a_folder = ttftbench(tmp.path(), {"run", "--resume", (tmp / "nowhere").string()});
  CHECK(not_a_folder.exit_code == 2);
  CHECK(not_a_folder.err.rfind("ttftbench: error: " + (tmp / "nowhere").string() + ": no such folder", 0) == 0);
  const auto no_scenario = ttftbench(tmp.path(), {"run"});
  CHECK(no_scenario.exit_code == 2);
  CHECK(no_scenario.err.rfind("ttftbench: error: run: a SCENARIO file is required", 0) == 0);

  CHECK(read_file(folder / "samples.csv") == text);
  CHECK(read_file(folder / "manifest.json") == manifest);
  CHECK_FALSE(fs::exists(tmp / "elsewhere"));
}
