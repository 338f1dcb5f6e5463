// Assertions against a report built from hand-made samples: measured figures, wildcards,
// unknown names and unmeasured values, and the PASS/FAIL wording.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gate/evaluate.hpp"
#include "gate/parser.hpp"
#include "support/sample_factory.hpp"
#include "unit/gate/gate_test_helpers.hpp"

using namespace ttft;

namespace {

// edge: warm 100..109 ms, cold 300 ms, priced; central: warm 200..209 ms plus one failure,
// nothing in cold, unpriced.
report::Report fixture() {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) s.push_back(test::make_sample("edge", "warm", 100 + i));
  for (int i = 0; i < 10; ++i) s.push_back(test::make_sample("central", "warm", 200 + i));
  s.push_back(test::make_sample("central", "warm", 1, "http_5xx"));
  s.push_back(test::make_sample("edge", "cold", 300));
  report::RunInfo run;
  run.targets = {"edge", "central"};
  run.phases = {"warm", "cold"};
  run.seed = 3;
  run.pricing["edge"].tokens = cost::TokenPrices{100'000, 500'000};
  return report::build_report(s, run);
}

std::vector<gate::Check> check(const std::string& text) {
  static const report::Report report = fixture();
  const auto assertion = gate::parse_assertion(text);
  INFO(text);
  REQUIRE(assertion);
  return gate::evaluate(*assertion, report);
}

gate::Check single(const std::string& text) { return test::only_check(check(text)); }

}  // namespace

TEST_CASE("evaluate: latency stats pass or fail with the measured value") {
  auto c = single("edge.warm.ttft.max < 110ms");
  CHECK(c.passed);
  CHECK(gate::check_line(c) == "PASS edge.warm.ttft.max < 110ms (measured 109 ms)");

  c = single("edge.warm.ttft.p50 <= 0.1s");  // p50 of 100..109 is 104.5
  CHECK_FALSE(c.passed);
  CHECK(gate::check_line(c) == "FAIL edge.warm.ttft.p50 <= 0.1s (measured 104.5 ms)");

  CHECK(single("edge.warm.ttft.min >= 100ms").passed);
  CHECK(single("edge.warm.ttft.mean == 104.5ms").passed);
  CHECK(single("edge.warm.ttft.p95 != 104.5ms").passed);
  CHECK_FALSE(single("edge.warm.ttft.p99 > 1s").passed);
}

TEST_CASE("evaluate: a value close to the threshold gets enough digits to show the difference") {
  const auto c = single("edge.warm.ttft.p50 < 104.49ms");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "measured 104.5 ms");
  const auto near = single("edge.warm.ttft.p50 < 104.5001ms");
  CHECK(near.passed);
  CHECK(near.detail == "measured 104.5 ms");
  const auto tight = single("edge.warm.ttft.p50 > 104.50001ms");
  CHECK_FALSE(tight.passed);
}

TEST_CASE("evaluate: counts and error rates of a target and phase") {
  auto c = single("central.warm.error_rate < 10%");
  CHECK(c.passed);
  CHECK(c.detail == "measured 9.091% (1 of 11 failed)");
  CHECK_FALSE(single("central.warm.error_rate < 5%").passed);
  CHECK(single("edge.warm.error_rate == 0%").passed);
  CHECK(single("central.warm.errors == 1").passed);
  CHECK(single("central.warm.n == 10").passed);
  CHECK(single("central.warm.ttft.n == 10").passed);
  CHECK(single("edge.all.ttft.n == 11").passed);
  CHECK(single("central.cold.n == 0").passed);
  c = single("central.cold.error_rate < 1%");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no requests");
}

TEST_CASE("evaluate: percentiles that count each failure as slower than any success") {
  // central warm: 200..209 and one failure, N = 11: p50's h = 5 → 205; p95's h = 9.5 reaches the failure.
  auto c = single("central.warm.ttft.p50_incl_errors < 206ms");
  CHECK(c.passed);
  CHECK(c.detail == "measured 205 ms");
  c = single("central.warm.ttft.p95_incl_errors < 500ms");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: that percentile falls among the failures (1 of 11 failed)");
  // Without failures they are the ordinary percentiles (edge warm p95 of 100..109 = 108.55).
  CHECK(single("edge.warm.ttft.p95_incl_errors == 108.55ms").passed);
  CHECK(single("central.cold.ttft.p99_incl_errors < 1s").detail == "not measured: no requests");
}

TEST_CASE("evaluate: goodput against the report's SLO") {
  // ttft <= 105 ms: edge warm meets it 6 times in 10 (100..105); central never (200..209, one failure).
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) s.push_back(test::make_sample("edge", "warm", 100 + i));
  for (int i = 0; i < 10; ++i) s.push_back(test::make_sample("central", "warm", 200 + i));
  s.push_back(test::make_sample("central", "warm", 1, "http_5xx"));
  report::RunInfo run;
  run.targets = {"edge", "central"};
  run.phases = {"warm"};
  const auto goodput_of = [&](const std::string& text, const report::Report& report) {
    const auto checks = gate::evaluate(*gate::parse_assertion(text), report);
    REQUIRE(checks.size() == 1);
    return checks.front();
  };
  const report::Report without = report::build_report(s, run);
  auto c = goodput_of("edge.warm.goodput >= 50%", without);
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no SLO (give the scenario an \"slo\", or report --slo)");
  run.slo.every_phase = metrics::Slo{{{"ttft", 105 * kNanosPerMs}}};
  const report::Report with = report::build_report(s, run);
  c = goodput_of("edge.warm.goodput >= 50%", with);
  CHECK(c.passed);
  CHECK(c.detail == "measured 60% (6 of 10 met the SLO)");
  CHECK_FALSE(goodput_of("edge.warm.goodput >= 0.95", with).passed);
  CHECK(goodput_of("edge.all.goodput == 0.6", with).passed);
  c = goodput_of("central.warm.goodput > 0", with);
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "measured 0% (0 of 11 met the SLO)");
  run.slo = {};
  run.slo.by_phase.emplace_back("cold", metrics::Slo{{{"ttft", 105 * kNanosPerMs}}});
  CHECK(goodput_of("edge.warm.goodput > 0", report::build_report(s, run)).detail ==
        "not measured: phase warm has no SLO");
}

TEST_CASE("evaluate: accuracy of graded answers") {
  // edge: 9 of 10 graded answers right, plus one failed request (never graded); central: 7 of 10.
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) {
    s.push_back(test::make_sample("edge", "warm", 100));
    s.back().correct = i < 9;
    s.push_back(test::make_sample("central", "warm", 100));
    s.back().correct = i < 7;
  }
  s.push_back(test::make_sample("edge", "warm", 1, "http_5xx"));
  report::RunInfo run;
  run.targets = {"edge", "central"};
  run.phases = {"warm"};
  const report::Report graded = report::build_report(s, run);
  const auto check = [&](const std::string& text, const report::Report& report) {
    const auto checks = gate::evaluate(*gate::parse_assertion(text), report);
    REQUIRE(checks.size() == 1);
    return checks.front();
  };
  auto c = check("edge.all.accuracy >= 90%", graded);
  CHECK(c.passed);
  CHECK(c.detail == "measured 90% (9 of 10 graded answers right)");
  CHECK_FALSE(check("edge.warm.accuracy > 90%", graded).passed);
  CHECK(check("edge.warm.accuracy == 0.9", graded).passed);
  c = check("central.warm.accuracy >= 90%", graded);
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "measured 70% (7 of 10 graded answers right)");
  for (auto& sample : s) sample.correct.reset();
  c = check("edge.all.accuracy >= 90%", report::build_report(s, run));
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no graded answers (give prompts an \"expected\")");
}

TEST_CASE("evaluate: wildcards expand to every target or phase, never to all") {
  const auto targets = check("*.warm.ttft.p50 < 150ms");
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].expression == "edge.warm.ttft.p50 < 150ms");
  CHECK(targets[0].passed);
  CHECK(targets[1].expression == "central.warm.ttft.p50 < 150ms");
  CHECK_FALSE(targets[1].passed);

  const auto phases = check("edge.*.ttft.max < 1s");
  REQUIRE(phases.size() == 2);
  CHECK(phases[0].expression == "edge.warm.ttft.max < 1s");
  CHECK(phases[1].expression == "edge.cold.ttft.max < 1s");
  CHECK(check("*.*.n >= 0").size() == 4);
}

TEST_CASE("evaluate: unknown names and unmeasured values fail") {
  auto c = single("nowhere.warm.ttft.p50 < 1s");
  CHECK_FALSE(c.passed);
  CHECK(gate::check_line(c) ==
        "FAIL nowhere.warm.ttft.p50 < 1s (no target \"nowhere\" in the report (targets: edge, central))");
  c = single("*.hot.ttft.p50 < 1s");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "no phase \"hot\" in the report (phases: warm, cold, all)");
  c = single("central.cold.ttft.p50 != 0ms");  // n = 0: no operator makes it pass
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: n = 0");
  CHECK(single("edge.cold.ttft.stdev < 1s").detail == "not measured: n = 1");
}

TEST_CASE("evaluate: cost fields in USD") {
  auto c = single("edge.cost.output_usd_per_mtok <= 0.5");
  CHECK(c.passed);
  CHECK(c.detail == "measured 0.5 USD");
  CHECK(single("edge.cost.input_usd_per_mtok == 0.1usd").passed);
  // 11 requests of 100 in + 200 out: (0.1 * 100 + 0.5 * 200) / 300 per token = 0.3667 per Mtok.
  CHECK(single("edge.cost.blended_usd_per_mtok < 0.37").passed);
  CHECK_FALSE(single("edge.cost.usd_per_1k_requests < 0.1").passed);
  c = single("central.cost.blended_usd_per_mtok < 1");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no pricing for central");
  CHECK(check("*.cost.input_usd_per_mtok >= 0").size() == 2);
}

TEST_CASE("evaluate: evaluate_all, any_failed and the Markdown list") {
  std::vector<gate::Assertion> assertions;
  for (const char* text : {"edge.warm.ttft.max < 110ms", "*.warm.ttft.p50 < 150ms"}) {
    assertions.push_back(*gate::parse_assertion(text));
  }
  const auto checks = gate::evaluate_all(assertions, fixture());
  REQUIRE(checks.size() == 3);
  CHECK(gate::any_failed(checks));
  CHECK_FALSE(gate::any_failed({checks[0], checks[1]}));
  CHECK(gate::checks_markdown({checks[0], checks[2]}) ==
        "\n## Assertions\n\n"
        "- **PASS** `edge.warm.ttft.max < 110ms` (measured 109 ms)\n"
        "- **FAIL** `central.warm.ttft.p50 < 150ms` (measured 204.5 ms)\n");
  CHECK(gate::checks_markdown({}).empty());
}

TEST_CASE("evaluate: every operator") {
  using gate::Op;
  CHECK(gate::holds(Op::less, 1, 2));
  CHECK_FALSE(gate::holds(Op::less, 2, 2));
  CHECK(gate::holds(Op::less_equal, 2, 2));
  CHECK(gate::holds(Op::greater, 3, 2));
  CHECK_FALSE(gate::holds(Op::greater, 2, 2));
  CHECK(gate::holds(Op::greater_equal, 2, 2));
  CHECK(gate::holds(Op::equal, 2, 2));
  CHECK(gate::holds(Op::not_equal, 1, 2));
  CHECK_FALSE(gate::holds(Op::not_equal, 2, 2));
}
