// `run` refusals, all before anything is sent: no scenario, and `--resume DIR` with flags that
// would finish the run differently from how it was started. Resumes use a copy of the committed
// results folder tests/fixtures/results/merge-regions (a finished run, seed 11, region "eu").
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exit_codes.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::fixture;
using ttft::test::read_file;
using ttft::test::run_cli;
using ttft::test::TempDir;

namespace {

const std::string kKeepHint =
    "  hint: a resumed run keeps the settings it was started with, as manifest.json records them\n";

/// The fixture folder copied into `tmp`, its manifest pointing at the scenario by absolute path
/// (the recorded one is relative to the repository, not to where the tests run).
fs::path resumable_folder(const TempDir& tmp) {
  const fs::path folder = ttft::test::copy_results_fixture(tmp, "merge-regions", "run");
  auto manifest = nlohmann::ordered_json::parse(read_file(folder / "manifest.json"));
  manifest["scenario_path"] = fixture("scenarios/e2e/merge_regions.json").string();
  std::ofstream(folder / "manifest.json", std::ios::binary | std::ios::trunc) << manifest.dump(2);
  return folder;
}

}  // namespace

TEST_CASE("run: neither SCENARIO nor --resume exits 2 saying what to pass") {
  const auto result = run_cli({"run"});
  CHECK(result.exit_code == to_int(ExitCode::usage));
  CHECK(result.out.empty());
  CHECK(result.err ==
        "ttftbench: error: run: a SCENARIO file is required\n"
        "  hint: ttftbench run SCENARIO; or ttftbench run --resume DIR to finish an interrupted run\n");
}

TEST_CASE("run: an invalid scenario or a bad --assert exits 2 before anything is sent") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  const auto invalid = run_cli({"run", fixture("scenarios/invalid/bad_duration.json").string(), "--out", out.string()});
  CHECK(invalid.exit_code == to_int(ExitCode::usage));
  CHECK(contains(invalid.err, "/phases/0/interval: expected a duration"));

  const std::string scenario = fixture("scenarios/e2e/merge_regions.json").string();
  const auto syntax = run_cli({"run", scenario, "--out", out.string(), "--assert", "edge.warm.ttft.p95 <= 4OOms"});
  CHECK(syntax.exit_code == to_int(ExitCode::usage));
  CHECK(contains(syntax.err, "^ unknown unit \"OOms\" (expected ms, s, %, usd)"));
  const auto name = run_cli({"run", scenario, "--out", out.string(), "--assert", "egde.warm.ttft.p95 < 1s"});
  CHECK(name.exit_code == to_int(ExitCode::usage));
  CHECK(contains(name.err, "^ no target \"egde\" (targets: edge, central)"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("run --resume: flags that differ from the recorded run exit 2, the folder untouched") {
  TempDir tmp;
  const fs::path folder = resumable_folder(tmp);
  const std::string rows = read_file(folder / "samples.csv");
  const std::string manifest = read_file(folder / "manifest.json");
  struct Case {
    std::vector<std::string> extra;
    std::string error;  // stderr
  };
  const Case cases[] = {
      {{"--out", (tmp / "elsewhere").string()},
       "ttftbench: error: --out: cannot be used with --resume: the run goes on in its own folder\n"
       "  hint: drop --out: the rows are appended to DIR/samples.csv\n"},
      {{"--seed", "12"}, "ttftbench: error: --seed: 12 is not the seed the run was started with (11)\n" + kKeepHint},
      {{"--region", "us"},
       "ttftbench: error: --region: \"us\" is not the region the run was started with (\"eu\")\n" + kKeepHint},
      {{"--shard", "1/2"},
       "ttftbench: error: --shard: shard 1/2 is not the one the run was started with (none)\n" + kKeepHint},
      {{"--insecure"},
       "ttftbench: error: --insecure: the run was started with certificate verification: its rows would mix "
       "verified and unverified requests\n" +
           kKeepHint},
  };
  for (const Case& c : cases) {
    INFO(c.extra.front());
    std::vector<std::string> args = {"run", "--resume", folder.string()};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const auto refused = run_cli(args);
    CHECK(refused.exit_code == to_int(ExitCode::usage));
    CHECK(refused.out.empty());
    CHECK(refused.err == c.error);
  }
  CHECK(read_file(folder / "samples.csv") == rows);
  CHECK(read_file(folder / "manifest.json") == manifest);
  CHECK_FALSE(fs::exists(tmp / "elsewhere"));
}

TEST_CASE("run --resume: a shard from the injected Job environment is checked like --shard") {
  TempDir tmp;
  const fs::path folder = resumable_folder(tmp);
  const auto refused =
      run_cli({"run", "--resume", folder.string()}, {{"JOB_COMPLETION_INDEX", "0"}, {"JOB_COMPLETION_COUNT", "2"}});
  CHECK(refused.exit_code == to_int(ExitCode::usage));
  CHECK(refused.err ==
        "ttftbench: error: JOB_COMPLETION_INDEX: shard 1/2 is not the one the run was started with (none)\n" +
            kKeepHint);
}

TEST_CASE("run --resume: the recorded flags again, on a finished run, have nothing to send, exit 0") {
  TempDir tmp;
  const fs::path folder = resumable_folder(tmp);
  // The fixture holds rows and manifest only; a finished run also wrote its summaries.
  for (const auto& [file, format] : {std::pair{"summary.csv", "csv"}, std::pair{"summary.json", "json"},
                                     std::pair{"report.md", "markdown"}, std::pair{"report.html", "html"}}) {
    std::ofstream(folder / file, std::ios::binary) << run_cli({"report", folder.string(), "--format", format}).out;
  }
  const auto same = run_cli({"run", "--resume", folder.string(), "--seed", "11", "--region", "eu"});
  INFO(same.err);
  CHECK(same.exit_code == to_int(ExitCode::ok));
  CHECK(same.out.empty());
  CHECK(same.err == "nothing to resume: all 8 requests of " + folder.string() + " have rows\n");
  CHECK(run_cli({"--quiet", "run", "--resume", folder.string()}).err.empty());
}

TEST_CASE("run --resume: not a results folder, or another scenario file, exits 2") {
  TempDir tmp;
  const auto nowhere = run_cli({"run", "--resume", (tmp / "nowhere").string()});
  CHECK(nowhere.exit_code == to_int(ExitCode::usage));
  CHECK(nowhere.err.rfind("ttftbench: error: " + (tmp / "nowhere").string() + ": no such folder\n", 0) == 0);

  const fs::path folder = resumable_folder(tmp);
  const std::string other = fixture("scenarios/e2e/compare_base.json").string();
  const auto changed = run_cli({"run", "--resume", folder.string(), other});
  CHECK(changed.exit_code == to_int(ExitCode::usage));
  CHECK(changed.err.rfind("ttftbench: error: " + other + ": its SHA-256 ", 0) == 0);
  CHECK(contains(changed.err, "is not 152d47f2d89f…, the scenario the run was started with"));
}
