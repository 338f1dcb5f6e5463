// `whatif` on the committed results folder tests/fixtures/results/merge-regions: each target
// alone and the policies given, as a table or JSON (exit 0); a policy, phase or option it cannot
// use exits 2 naming it.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exit_codes.hpp"
#include "unit/cli/cli_harness.hpp"

using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::kMergeRegions;
using ttft::test::run_cli;

namespace {

const std::string kFallback = "edge-first timeout=100ms fallback=central";
const std::string kPolicyHint =
    "  hint: policies: \"edge-first timeout=300ms fallback=central\", \"hedge after=250ms\" (or \"hedge first=A "
    "second=B after=250ms\"), \"split input_tokens<1000 edge else central\", \"route short<12 "
    "keywords=summarize,explain edge else central\"\n";

}  // namespace

TEST_CASE("whatif: every target alone, then each policy, with the assumptions, exit 0") {
  const auto result = run_cli({"whatif", kMergeRegions, "--policy", kFallback, "--policy", "hedge after=1s"});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(result.out.rfind(
            "What if (ttft, 10000 simulated requests, seed 11, phase all; samples: edge 4, central 4)\n"
            "policy                                     p50 ms  p95 ms  p99 ms  errors  2nd target  $/1k req  $/Mtok    "
            "accuracy\n"
            "edge alone                                   50.6    51.1    51.1    0.0%           -    0.0021    0.42  "
            "not graded\n"
            "central alone                                50.6    50.7    50.7    0.0%           -   0.00255    0.51  "
            "not graded\n",
            0) == 0);
  CHECK(contains(result.out,
                 "\n" + kFallback + "    50.6    51.1    51.1    0.0%        0.0%    0.0021    0.42  not graded\n"));
  CHECK(contains(result.out, "\nAssumptions:\n"));
}

TEST_CASE("whatif --format json: the same policies as data, with the requests and seed asked for") {
  const auto result = run_cli(
      {"whatif", kMergeRegions, "--format", "json", "--requests", "1000", "--seed", "3", "--policy", kFallback});
  REQUIRE(result.exit_code == to_int(ExitCode::ok));
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["requests"] == 1000);
  CHECK(json["seed"] == 3);
  CHECK(json["samples"] == nlohmann::json({{"edge", 4}, {"central", 4}}));
  REQUIRE(json["policies"].size() == 3);
  CHECK(json["policies"][0]["policy"] == "edge alone");
  CHECK(json["policies"][1]["policy"] == "central alone");
  CHECK(json["policies"][2]["policy"] == kFallback);
  CHECK(json["policies"][2]["errors"] == 0);
}

TEST_CASE("whatif: a policy, phase or option it cannot use exits 2 naming it, nothing on stdout") {
  struct Case {
    std::vector<std::string> extra;
    std::string error;  // stderr
  };
  const Case cases[] = {
      {{"--policy", "hedge soon"},
       "ttftbench: error: --policy \"hedge soon\": unexpected \"soon\" (expected first=, second=, after=)\n" +
           kPolicyHint},
      {{"--policy", "edge-first timeout=1s fallback=cloud"},
       "ttftbench: error: --policy \"edge-first timeout=1s fallback=cloud\": unknown target \"cloud\" (targets: "
       "edge, central)\n" +
           kPolicyHint},
      {{"--policy", "route short<5 edge else central"},
       "ttftbench: error: --policy \"route short<5 edge else central\": route needs outputs.jsonl: run with "
       "--record-outputs\n  hint: the router reads each request's prompt from the results folder's outputs.jsonl\n"},
      {{"--phase", "night"}, "ttftbench: error: --phase: no phase \"night\" in these results (phases: cold, warm)\n"},
      {{"--requests", "0"},
       "ttftbench: error: --requests: Value 0 not in range 1 to 10000000\n  hint: see 'ttftbench --help'\n"},
      {{"--metric", "e2e"},
       "ttftbench: error: --metric: e2e not in {ttft,first_token,first_answer}\n  hint: see 'ttftbench --help'\n"},
  };
  for (const Case& c : cases) {
    INFO(c.extra.back());
    std::vector<std::string> args = {"whatif", kMergeRegions};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const auto result = run_cli(args);
    CHECK(result.exit_code == to_int(ExitCode::usage));
    CHECK(result.out.empty());
    CHECK(result.err == c.error);
  }
  const auto missing = run_cli({"whatif", kMergeRegions + "/nope"});
  CHECK(missing.exit_code == to_int(ExitCode::usage));
  CHECK(missing.err.rfind("ttftbench: error: " + kMergeRegions + "/nope: no such folder", 0) == 0);
}

// tests/fixtures/results/router: every edge answer is graded correct, every central one wrong
// (tests/unit/whatif/test_route.cpp works its figures out), so a policy's accuracy is the share
// of its answers that came from edge.
TEST_CASE("whatif on graded rows: an accuracy column and field for every policy, the router's from outputs.jsonl") {
  const std::string router = std::string(TTFT_FIXTURES_DIR) + "/results/router";
  const std::string policy = "route short<12 keywords=summarize,explain edge else central";
  const auto table = run_cli({"whatif", router, "--policy", policy, "--requests", "1000", "--seed", "3"});
  INFO(table.err);
  REQUIRE(table.exit_code == to_int(ExitCode::ok));
  // Edge alone: 1000 of 1000, its interval over the fixture's 4 measured answers: Wilson's low
  // end 4 / (4 + 1.96²) = 51.0%.
  CHECK(contains(table.out, "  100.0% (51.0%\u2013100.0%)\n"));
  CHECK(contains(table.out, "  0.0% (0.0%\u201349.0%)\n"));
  CHECK(contains(table.out, "- accuracy: correct answers of the graded ones a policy serves, with a 95% Wilson interval over "
                            "the distinct measured answers it served (the simulated requests repeat them)\n"));

  const auto json = nlohmann::json::parse(
      run_cli({"whatif", router, "--policy", policy, "--requests", "1000", "--seed", "3", "--format", "json"}).out);
  const auto& routed = json["policies"][2];
  CHECK(routed["kind"] == "route");
  const auto to_central = static_cast<int>(std::lround(routed["second_target_share"].get<double>() * 1000));
  CHECK(routed["accuracy"]["graded"] == 1000);
  CHECK(routed["accuracy"]["correct"] == 1000 - to_central);
  CHECK(routed["accuracy"]["value"].get<double>() == Approx((1000 - to_central) / 1000.0));
  CHECK(routed["accuracy"]["ci95_low"].get<double>() < routed["accuracy"]["value"].get<double>());
  CHECK(json["policies"][0]["accuracy"]["ci95_high"] == 1.0);

  const auto ungraded = nlohmann::json::parse(run_cli({"whatif", kMergeRegions, "--format", "json"}).out);
  CHECK(ungraded["policies"][0]["accuracy"] ==
        nlohmann::json({{"graded", 0}, {"correct", 0}, {"value", nullptr}, {"ci95_low", nullptr}, {"ci95_high", nullptr}}));
}
