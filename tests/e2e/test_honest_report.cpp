// Honest A/B on the simulator (docs/metrics.md, "Failures in the tail" and "Goodput"): a target
// that is faster but rate-limited about one request in five, against a slower one that never
// fails; and goodput against known delays, from the scenario's SLO and from `report --slo` on a
// run that had none. Latencies are fixed in the simulator and far from every bound; fault draws
// are seeded. Checks are bounds and orderings, except where the two runs must agree exactly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using ttft::test::contains;
using ttft::test::read_file;
using ttft::test::run_ttftbench;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;

namespace {

/// `run` of tests/fixtures/scenarios/e2e/<file> into `out`; its stdout (the report).
std::string run_fixture_into(const std::string& file, const fs::path& out) {
  const auto run = run_ttftbench({"--quiet", "run", scenario_fixture("e2e", file).string(), "--out", out.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  return run.out;
}

/// The summary.json object of `array` whose keys hold the given values.
const Json& find_object(const Json& array, const Json& match) {
  for (const Json& item : array) {
    bool all = true;
    for (const auto& [key, value] : match.items()) all = all && item.at(key) == value;
    if (all) return item;
  }
  FAIL("nothing in summary.json matches " << match.dump());
  return array;
}

/// The SLO section of a terminal report: from its title to the next blank line.
std::string slo_section(const std::string& out) { return ttft::test::block_from(out, "SLO attainment"); }

}  // namespace

TEST_CASE("a faster target that fails more often: failures in its tail and in every verdict") {
  TempDir tmp;
  const std::string out = run_fixture_into("failures_tail.json", tmp / "run");
  const Json summary = Json::parse(read_file(tmp / "run" / "summary.json"));
  const Json& edge = find_object(summary["rows"], {{"target", "edge"}, {"phase", "warm"}, {"metric", "ttft"}});
  const auto errors = edge["errors"].get<std::size_t>();
  INFO("edge failed " << errors << " of 50");
  REQUIRE(errors >= 5);  // about 10 at a 20% fault rate; 5 of 50 against 0 of 50 is p = 0.02
  REQUIRE(errors <= 20);
  CHECK((edge["p95_incl_errors"].is_null() || edge["p95_incl_errors"] > edge["p95"]));
  const Json& central = find_object(summary["rows"], {{"target", "central"}, {"phase", "warm"}, {"metric", "ttft"}});
  CHECK(central["errors"] == 0);
  CHECK(central["p95_incl_errors"] == central["p95"]);

  const Json& verdict = find_object(summary["verdicts"], {{"phase", "warm"}, {"stat", "p50"}});
  CHECK(verdict["significant"] == true);
  CHECK(verdict["diff"] < 0);  // edge (a) is faster
  CHECK(verdict["error_rate_a"].get<double>() == Approx(static_cast<double>(errors) / 50));
  CHECK(verdict["error_rate_b"] == 0.0);
  CHECK(verdict["error_p_value"] < 0.05);
  CHECK(verdict["faster_fails_more_often"] == true);
  const std::string text = verdict["text"];
  CHECK(text.rfind("warm p50: edge faster by ", 0) == 0);
  CHECK(contains(text, ") (errors: edge "));
  CHECK(contains(text, "%, central 0.0%); but edge fails more often: "));
  CHECK(contains(out, "\nwarm p95: edge faster by "));
  CHECK(contains(out, "\nTime to first token, each failure counted as slower than any success (ms)\n"));

  const auto gate = run_ttftbench({"report", (tmp / "run").string(), "--assert",
                                   "edge.warm.ttft.p95_incl_errors < 500ms", "--assert",
                                   "central.warm.ttft.p95_incl_errors < 1s"});
  CHECK(gate.exit_code == 1);
  CHECK(contains(gate.out, "\nFAIL edge.warm.ttft.p95_incl_errors < 500ms (not measured: that percentile falls among "
                           "the failures"));
  CHECK(contains(gate.out, "\nPASS central.warm.ttft.p95_incl_errors < 1s (measured "));
}

TEST_CASE("goodput against known delays, and report --slo on a run without one gives the same table") {
  TempDir tmp;
  const std::string out = run_fixture_into("goodput.json", tmp / "slo");
  const Json slo = Json::parse(read_file(tmp / "slo" / "summary.json"))["slo"];
  CHECK(slo["limits_ms"]["warm"]["ttft"] == 200.0);
  const Json& under = find_object(slo["goodput"], {{"target", "under"}, {"phase", "warm"}});
  CHECK(under["goodput"] == 1.0);  // 20 ms against 200 ms, every request
  CHECK(under["requests"] == 40);
  CHECK(find_object(slo["goodput"], {{"target", "over"}, {"phase", "warm"}})["goodput"] == 0.0);  // 400 ms
  const Json& share = find_object(slo["goodput"], {{"target", "share"}, {"phase", "warm"}});
  INFO("share met " << share["met"] << " of " << share["requests"]);
  CHECK(share["ci_low"] <= 0.7);  // the known share, 1 − the 30% fault rate, within its interval
  CHECK(share["ci_high"] >= 0.7);
  CHECK(share["goodput"] < 1.0);
  CHECK(contains(out, "SLO attainment (ttft \u2264 200 ms; failures count as misses)"));

  const std::string dir = (tmp / "slo").string();
  const auto pass = run_ttftbench({"report", dir, "--assert", "under.warm.goodput >= 95%", "--assert",
                                   "share.warm.goodput >= 0.4", "--assert", "over.warm.goodput < 5%"});
  CHECK(pass.exit_code == 0);
  CHECK(contains(pass.out, "\nPASS under.warm.goodput >= 95% (measured 100% (40 of 40 met the SLO))\n"));
  const auto fail = run_ttftbench({"report", dir, "--assert", "over.warm.goodput >= 95%"});
  CHECK(fail.exit_code == 1);
  CHECK(contains(fail.out, "\nFAIL over.warm.goodput >= 95% (measured 0% (0 of 40 met the SLO))\n"));

  run_fixture_into("goodput_no_slo.json", tmp / "none");
  const std::string none = (tmp / "none").string();
  CHECK(slo_section(run_ttftbench({"report", none}).out).empty());  // nothing invented
  const std::string after = slo_section(run_ttftbench({"report", none, "--slo", "ttft=200ms"}).out);
  CHECK_FALSE(after.empty());
  CHECK(after == slo_section(run_ttftbench({"report", dir}).out));
  CHECK(after == slo_section(out));
  const auto json = run_ttftbench({"report", none, "--slo", "ttft=200ms", "--format", "json"});
  CHECK(Json::parse(json.out)["slo"] == slo);
}
