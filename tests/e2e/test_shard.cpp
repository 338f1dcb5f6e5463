// `run --shard I/N` as a CI matrix uses it (docs/commands.md ("Shards")): four shard processes at once send exactly
// the unsharded run's requests, numbered the same, and `report` merges their folders; a Kubernetes
// Indexed Job's variables pick the shard; bad values exit 2 before anything is sent.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::parse_csv;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_ttftbench_in;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

const std::string kScenario = scenario_fixture("e2e", "shard_mix.json").string();
const std::vector<std::string> kJobVariables = {"JOB_COMPLETION_INDEX", "JOB_COMPLETION_COUNT"};

using RowKey = std::tuple<std::string, long long, std::string>;  // phase, seq, target

/// `ttftbench ARGS...` in `cwd`, the Indexed Job variables removed unless `env` sets them.
ProcessResult ttftbench_in(const fs::path& cwd, const std::vector<std::string>& args,
                           const std::vector<std::string>& env = {}) {
  return run_ttftbench_in(cwd, args, env.empty() ? kJobVariables : std::vector<std::string>{}, env);
}

std::multiset<RowKey> row_keys(const fs::path& folder) {
  const auto csv = parse_csv(read_file(folder / "samples.csv"));
  std::multiset<RowKey> keys;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    keys.insert({csv.cell(row, "phase"), std::stoll(csv.cell(row, "seq")), csv.cell(row, "target")});
  }
  return keys;
}

std::set<std::string> column_values(const fs::path& folder, const std::string& column) {
  const auto csv = parse_csv(read_file(folder / "samples.csv"));
  std::set<std::string> values;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) values.insert(csv.cell(row, column));
  return values;
}

nlohmann::json manifest_of(const fs::path& folder) { return nlohmann::json::parse(read_file(folder / "manifest.json")); }

}  // namespace

TEST_CASE("run --shard: four shards at once send exactly the unsharded run's requests, and report merges them") {
  TempDir tmp;
  const auto whole = ttftbench_in(tmp.path(), {"--quiet", "run", kScenario, "--out", (tmp / "whole").string()});
  INFO(whole.err);
  REQUIRE(whole.exit_code == 0);
  const std::multiset<RowKey> expected = row_keys(tmp / "whole");
  REQUIRE(expected.size() == 2 * (1 + 6));
  CHECK(manifest_of(tmp / "whole")["shard"].is_null());

  std::vector<std::future<ProcessResult>> shards;
  for (int i = 1; i <= 4; ++i) {
    const std::vector<std::string> args = {"--quiet", "run", kScenario, "--shard", std::to_string(i) + "/4", "--out",
                                           (tmp / ("shard-" + std::to_string(i))).string()};
    shards.push_back(std::async(std::launch::async, [&tmp, args] { return ttftbench_in(tmp.path(), args); }));
  }
  std::multiset<RowKey> together;
  std::vector<std::string> report_args = {"report", "--format", "json"};
  for (int i = 1; i <= 4; ++i) {
    const auto shard = shards[static_cast<std::size_t>(i - 1)].get();
    const fs::path folder = tmp / ("shard-" + std::to_string(i));
    INFO("shard " << i << ": " << shard.err);
    REQUIRE(shard.exit_code == 0);
    const std::string label = std::to_string(i) + "/4";
    CHECK(column_values(folder, "shard") == std::set<std::string>{label});
    CHECK(manifest_of(folder)["shard"] == label);
    CHECK(manifest_of(folder)["seed"] == manifest_of(tmp / "whole")["seed"]);
    for (const auto& key : row_keys(folder)) {
      CHECK(std::get<1>(key) % 4 == i - 1);  // shard I of N takes the items k with k mod N = I - 1
      together.insert(key);
    }
    report_args.push_back(folder.string());
  }
  CHECK(together == expected);  // a multiset: a duplicate or a gap would show

  const auto merged = ttftbench_in(tmp.path(), report_args);
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.err.find("differs") == std::string::npos);
  const auto summary = nlohmann::json::parse(merged.out);
  int checked = 0;
  for (const auto& row : summary["rows"]) {
    if (row["metric"] != "ttft") continue;
    const int per_phase = row["phase"] == "cold" ? 1 : row["phase"] == "warm" ? 6 : 7;
    CHECK(row["n"] == per_phase);
    ++checked;
  }
  CHECK(checked == 2 * 3);  // two targets × cold, warm, all
}

TEST_CASE("run --shard from JOB_COMPLETION_INDEX/COUNT, in its own default folder") {
  TempDir tmp;
  const auto run = ttftbench_in(tmp.path(), {"--quiet", "run", kScenario},
                                {"JOB_COMPLETION_INDEX=1", "JOB_COMPLETION_COUNT=2"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(tmp / "results")) folders.push_back(entry.path());
  REQUIRE(folders.size() == 1);
  const std::string name = folders[0].filename().string();
  CHECK(name.rfind("shard-mix-", 0) == 0);
  CHECK(name.size() > std::string("-shard-2-of-2").size());
  CHECK(name.substr(name.size() - std::string("-shard-2-of-2").size()) == "-shard-2-of-2");
  CHECK(manifest_of(folders[0])["run_id"] == name);
  CHECK(column_values(folders[0], "shard") == std::set<std::string>{"2/2"});
  const auto keys = row_keys(folders[0]);
  CHECK(keys.size() == 7);  // 14 requests, the odd-numbered half
  for (const auto& key : keys) CHECK(std::get<1>(key) % 2 == 1);
}

TEST_CASE("run --shard: bad values and an unsplittable scenario exit 2 before anything is sent") {
  TempDir tmp;
  const std::vector<std::pair<std::string, std::string>> bad_flags = {
      {"0/4", "shard 0 is not one of 1 to 4"},
      {"5/4", "shard 5 is not one of 1 to 4"},
      {"1/0", "the shard count N must be at least 1"},
      {"abc", "expected I/N, e.g. 2/4, got \"abc\""}};
  for (const auto& [flag, message] : bad_flags) {
    INFO(flag);
    const auto run = ttftbench_in(tmp.path(), {"run", kScenario, "--shard", flag});
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("ttftbench: error: --shard: " + message, 0) == 0);
    CHECK(run.err.find("hint: --shard I/N is 1-based") != std::string::npos);
  }
  const std::vector<std::pair<std::vector<std::string>, std::string>> bad_env = {
      {{"JOB_COMPLETION_INDEX=0"}, "ttftbench: error: JOB_COMPLETION_COUNT: not set, while JOB_COMPLETION_INDEX is"},
      {{"JOB_COMPLETION_COUNT=4"}, "ttftbench: error: JOB_COMPLETION_INDEX: not set, while JOB_COMPLETION_COUNT is"},
      {{"JOB_COMPLETION_INDEX=4", "JOB_COMPLETION_COUNT=4"}, "ttftbench: error: JOB_COMPLETION_INDEX: expected a whole "
                                                             "number from 0 to 3"},
      {{"JOB_COMPLETION_INDEX=0", "JOB_COMPLETION_COUNT=x"}, "ttftbench: error: JOB_COMPLETION_COUNT: expected a whole "
                                                             "number of at least 1, got \"x\""}};
  for (const auto& [env, message] : bad_env) {
    INFO(env.front());
    // Only the variables given: the other one is removed from the environment.
    std::vector<std::string> unset;
    for (const auto& name : kJobVariables) {
      if (std::none_of(env.begin(), env.end(), [&](const std::string& kv) { return kv.rfind(name + "=", 0) == 0; })) {
        unset.push_back(name);
      }
    }
    const auto run = run_ttftbench_in(tmp.path(), {"run", kScenario}, unset, env);
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind(message, 0) == 0);
  }

  const fs::path closed = tmp / "closed.json";
  std::ofstream(closed) << R"({"name": "closed", "targets": {
      "a": {"protocol": "openai-chat", "url": "sim://fast", "model": "m"},
      "b": {"protocol": "workers-ai", "url": "sim://fast"}},
    "workload": {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 8},
    "phases": [{"name": "load", "concurrency": 2, "duration": "1s"}]})";
  const auto unsplittable = ttftbench_in(tmp.path(), {"run", closed.string(), "--shard", "1/2"});
  CHECK(unsplittable.exit_code == 2);
  CHECK(unsplittable.err.rfind("ttftbench: error: " + closed.string() + ": /phases/0: phase \"load\" is a closed loop "
                               "bounded by a duration", 0) == 0);
  CHECK_FALSE(fs::exists(tmp / "results"));  // nothing was sent or written
}
