// `whatif` on the committed results folder tests/fixtures/results/merge-regions: each target
// alone and the policies given, as a table or JSON (exit 0); a policy, phase or option it cannot
// use exits 2 naming it.
#include <catch2/catch.hpp>

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
    "second=B after=250ms\"), \"split input_tokens<1000 edge else central\"\n";

}  // namespace

TEST_CASE("whatif: every target alone, then each policy, with the assumptions, exit 0") {
  const auto result = run_cli({"whatif", kMergeRegions, "--policy", kFallback, "--policy", "hedge after=1s"});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(result.out.rfind(
            "What if (ttft, 10000 simulated requests, seed 11, phase all; samples: edge 4, central 4)\n"
            "policy                                     p50 ms  p95 ms  p99 ms  errors  2nd target  $/1k req  $/Mtok\n"
            "edge alone                                   50.6    51.1    51.1    0.0%           -    0.0021    0.42\n"
            "central alone                                50.6    50.7    50.7    0.0%           -   0.00255    0.51\n",
            0) == 0);
  CHECK(contains(result.out, "\n" + kFallback + "    50.6    51.1    51.1    0.0%        0.0%    0.0021    0.42\n"));
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
