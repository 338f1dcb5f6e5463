// --export and --export-interval through the whole CLI: a bad kind, URL, variable or interval is a
// located usage error (exit 2) before anything is sent or read, and never shows a substituted secret.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/exit_codes.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::fixture;
using ttft::test::kMergeRegions;
using ttft::test::run_cli;
using ttft::test::TempDir;

TEST_CASE("run --export: a bad kind, URL or interval exits 2 naming the flag, the folder never made") {
  TempDir tmp;
  const fs::path out = tmp / "out";
  const std::string scenario = fixture("scenarios/e2e/merge_regions.json").string();
  const auto kind = run_cli({"run", scenario, "--out", out.string(), "--export", "prom=http://127.0.0.1:9/w"});
  CHECK(kind.exit_code == to_int(ExitCode::usage));
  CHECK(contains(kind.err, "ttftbench: error: --export: unknown kind 'prom'"));
  CHECK(contains(kind.err, "hint: --export prometheus-rw=URL"));
  const auto url = run_cli({"run", scenario, "--out", out.string(), "--export", "otlp=localhost:4318"});
  CHECK(url.exit_code == to_int(ExitCode::usage));
  CHECK(contains(url.err, "--export: 'localhost:4318' is not an http:// or https:// URL"));
  const auto interval = run_cli({"run", scenario, "--out", out.string(), "--export-interval", "0s"});
  CHECK(interval.exit_code == to_int(ExitCode::usage));
  CHECK(contains(interval.err, "--export-interval: '0s' is not a duration above zero"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("report --export: an unset variable exits 2 and a bad URL never shows the substituted value") {
  const auto unset = run_cli({"report", kMergeRegions, "--export", "otlp=http://${COLLECTOR}/v1/metrics"});
  CHECK(unset.exit_code == to_int(ExitCode::usage));
  CHECK(contains(unset.err, "--export: the URL uses ${COLLECTOR}, which is not set"));
  CHECK(unset.out.empty());
  const auto bad = run_cli({"report", kMergeRegions, "--export", "otlp=${TOKEN}/v1/metrics"},
                           {{"TOKEN", "tok-SECRET-42"}});
  CHECK(bad.exit_code == to_int(ExitCode::usage));
  CHECK(contains(bad.err, "'***/v1/metrics' is not an http:// or https:// URL"));
  CHECK_FALSE(contains(bad.err, "tok-SECRET-42"));
}
