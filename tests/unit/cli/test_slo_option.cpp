// --slo: parse_slo_option on its own, then `report --slo` and the runs' own SLO through the whole
// CLI on the committed results folder (edge: cold 51.07 ms, warm 50.51/50.58/50.63 ms; central:
// cold 50.68 ms, warm 50.53/50.56/50.59 ms).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/slo_option.hpp"
#include "core/exit_codes.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::kMergeRegions;
using ttft::test::read_file;
using ttft::test::run_cli;
using ttft::test::TempDir;

namespace {

ttft::Error slo_error(const std::string& text) {
  const auto parsed = ttft::cli::parse_slo_option(text);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().where == "--slo");
  return parsed.error();
}

/// A copy of the committed folder whose manifest's scenario copy has `slo` at its top level.
fs::path folder_with_slo(const TempDir& tmp, const std::string& name, const nlohmann::json& slo) {
  const fs::path copy = ttft::test::copy_results_fixture(tmp, "merge-regions", name);
  auto manifest = nlohmann::ordered_json::parse(read_file(copy / "manifest.json"));
  manifest["scenario"]["slo"] = slo;
  std::ofstream(copy / "manifest.json", std::ios::binary | std::ios::trunc) << manifest.dump(2);
  return copy;
}

/// The SLO section of a terminal report: from its title to the next blank line.
std::string slo_section(const std::string& out) { return ttft::test::block_from(out, "SLO attainment"); }

}  // namespace

TEST_CASE("slo option: METRIC=DURATION bounds in the order given") {
  const auto none = ttft::cli::parse_slo_option("");
  REQUIRE(none);
  CHECK_FALSE(*none);
  const auto slo = ttft::cli::parse_slo_option("ttft=200ms, e2e=8s,ttfb = 1.5s");
  REQUIRE(slo);
  REQUIRE(*slo);
  REQUIRE((*slo)->bounds.size() == 3);
  CHECK((*slo)->bounds[0].metric == "ttft");
  CHECK((*slo)->bounds[0].limit_ns == 200 * ttft::kNanosPerMs);
  CHECK((*slo)->bounds[1].limit_ns == 8000 * ttft::kNanosPerMs);
  CHECK((*slo)->bounds[2].metric == "ttfb");
  CHECK((*slo)->bounds[2].limit_ns == 1500 * ttft::kNanosPerMs);
}

TEST_CASE("slo option: every mistake is an error naming --slo") {
  auto e = slo_error("ttfx=200ms");
  CHECK(e.message == "unknown SLO metric \"ttfx\" (expected ttft, first_token, first_answer, e2e, ttfb)");
  CHECK(e.hint == "did you mean \"ttft\"?");
  CHECK(slo_error("ttft=200").message ==
        "ttft: expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", got \"200\"");
  CHECK(slo_error("ttft=0ms").message == "ttft: expected a duration above 0, got \"0ms\"");
  CHECK(slo_error("ttft").message == "expected METRIC=DURATION, got \"ttft\"");
  CHECK(slo_error("ttft=1s,").message == "an empty bound in \"ttft=1s,\"");
  CHECK(slo_error("ttft=1s,ttft=2s").message == "\"ttft\" is bounded twice");
  CHECK(slo_error("itl_p50=1s").message ==
        "unknown SLO metric \"itl_p50\" (expected ttft, first_token, first_answer, e2e, ttfb)");
}

TEST_CASE("report --slo: goodput after the fact, no section without an SLO, exit 2 for a bad --slo") {
  const auto plain = run_cli({"report", kMergeRegions});
  CHECK_FALSE(contains(plain.out, "SLO attainment"));
  const auto judged = run_cli({"report", kMergeRegions, "--slo", "ttft=50.6ms"});
  INFO(judged.err);
  CHECK(judged.exit_code == to_int(ExitCode::ok));
  CHECK(slo_section(judged.out) ==
        "SLO attainment (ttft \u2264 50.6 ms; failures count as misses)\n"
        "target   phase  met  requests  goodput        95% CI\n"
        "edge     cold     0         1     0.0%    0.0%\u201379.3%\n"
        "edge     warm     2         3    66.7%   20.8%\u201393.9%\n"
        "edge     all      2         4    50.0%   15.0%\u201385.0%\n"
        "central  cold     0         1     0.0%    0.0%\u201379.3%\n"
        "central  warm     3         3   100.0%  43.9%\u2013100.0%\n"
        "central  all      3         4    75.0%   30.1%\u201395.4%\n"
        "cold goodput: no significant difference (edge 0.0%, central 0.0%; edge \u2212 central 0 points, 95% CI "
        "\u221279\u201379 points, p = 1)\n"
        "warm goodput: no significant difference (central 100.0%, edge 66.7%; central \u2212 edge 33 points, 95% CI "
        "\u221229\u201379 points, p = 0.27)");
  // Everything before the section is the report without --slo.
  CHECK(judged.out.substr(0, judged.out.find("SLO attainment")) == plain.out.substr(0, judged.out.find("SLO attainment")));
  const auto json = nlohmann::json::parse(run_cli({"report", kMergeRegions, "--format", "json", "--slo", "e2e=1s"}).out);
  CHECK(json["slo"]["limits_ms"]["warm"]["e2e"] == 1000.0);
  CHECK(json["slo"]["goodput"].size() == 6);
  CHECK_FALSE(nlohmann::json::parse(run_cli({"report", kMergeRegions, "--format", "json"}).out).contains("slo"));
  const auto bad = run_cli({"report", kMergeRegions, "--slo", "ttft=fast"});
  CHECK(bad.exit_code == to_int(ExitCode::usage));
  CHECK(bad.out.empty());
  CHECK(bad.err.rfind("ttftbench: error: --slo: ttft: expected a duration", 0) == 0);
}

TEST_CASE("report: the run's own SLO from its manifest, overridden by --slo, and gated by --assert") {
  TempDir tmp;
  const fs::path own = folder_with_slo(tmp, "own", {{"ttft", "50.6ms"}});
  const auto from_manifest = run_cli({"report", own.string(), "--assert", "central.warm.goodput >= 95%", "--assert",
                                      "edge.warm.goodput >= 0.95"});
  CHECK(from_manifest.exit_code == to_int(ExitCode::check_failed));
  CHECK(slo_section(from_manifest.out) == slo_section(run_cli({"report", kMergeRegions, "--slo", "ttft=50.6ms"}).out));
  CHECK(contains(from_manifest.out, "\nPASS central.warm.goodput >= 95% (measured 100% (3 of 3 met the SLO))\n"));
  CHECK(contains(from_manifest.out, "\nFAIL edge.warm.goodput >= 0.95 (measured 66.67% (2 of 3 met the SLO))\n"));
  const auto overridden = run_cli({"report", own.string(), "--slo", "ttft=1s", "--assert", "*.all.goodput == 100%"});
  CHECK(overridden.exit_code == to_int(ExitCode::ok));
  CHECK(contains(overridden.out, "SLO attainment (ttft \u2264 1 s; failures count as misses)"));
}

TEST_CASE("report: merged folders with different SLOs use the first one's and say so") {
  TempDir tmp;
  const fs::path tight = folder_with_slo(tmp, "tight", {{"ttft", "50.6ms"}});
  const fs::path loose = folder_with_slo(tmp, "loose", {{"ttft", "1s"}});
  const auto merged = run_cli({"report", tight.string(), loose.string()});
  INFO(merged.err);
  CHECK(merged.exit_code == to_int(ExitCode::ok));
  const std::string note = "the merged runs have different SLOs; goodput judges every request by the first run's "
                           "(merge-regions-20261121T121739Z-eu)";
  CHECK(contains(merged.out, "note: " + note + "\n"));
  CHECK(contains(merged.err, "warning: " + note + "\n"));
  CHECK(contains(merged.out, "SLO attainment (ttft \u2264 50.6 ms; failures count as misses)"));
  CHECK(contains(merged.out, "central  warm     6         6   100.0%"));
}
