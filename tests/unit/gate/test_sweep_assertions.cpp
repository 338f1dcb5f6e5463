// Assertions on sweeps: phase names with "@value" (fractions too), the sweep figures' grammar
// and errors, and their evaluation against a report whose sweep figures are filled by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gate/evaluate.hpp"
#include "gate/parser.hpp"
#include "unit/gate/gate_test_helpers.hpp"

using namespace ttft;
using gate::Stat;
using gate::Subject;
using test::parsed;

namespace {

report::SweepPoint point(double value, const std::string& phase, std::optional<double> rps) {
  report::SweepPoint p;
  p.value = value;
  p.phase = phase;
  p.requests = 10;
  p.requests_per_s = rps;
  if (rps) p.output_tokens_per_s = *rps * 100;
  return p;
}

// "ramp" sweeps concurrency 1, 2, 4 (edge saturates at 2; central never qualifies); "length" sweeps
// input_tokens (edge fitted, central without a fit); "rate" sweeps rate 0.5 and 1.5.
report::Report sweep_fixture() {
  report::Report r;
  r.run.targets = {"edge", "central"};
  r.run.phases = {"ramp@1", "ramp@2", "ramp@4", "length@128", "length@4096", "rate@0.5", "rate@1.5"};
  report::SweepReport ramp{"ramp", "concurrency", {1, 2, 4}, {"edge", "central"}, {}, {}, {}, {}};
  ramp.points = {{point(1, "ramp@1", 9.5), point(2, "ramp@2", 18.25), point(4, "ramp@4", 19)},
                 {point(1, "ramp@1", 4), point(2, "ramp@2", std::nullopt), point(4, "ramp@4", 5)}};
  ramp.saturation = {{"edge", 2.0, "throughput", true, "edge saturates at concurrency 2"},
                     {"central", std::nullopt, "slo", false, "no value meets the SLO"}};
  report::SweepReport length{"length", "input_tokens", {128, 4096}, {"edge", "central"}, {}, {}, {}, {}};
  length.points = {{point(128, "length@128", 3), point(4096, "length@4096", 2)},
                   {point(128, "length@128", 3), point(4096, "length@4096", 1)}};
  report::LinearFit fit;
  fit.n = 40;
  fit.intercept_ms = 212.5;
  fit.slope_ms_per_1k = 1.75;
  length.fits = {fit, std::nullopt};
  report::SweepReport rate{"rate", "rate", {0.5, 1.5}, {"edge", "central"}, {}, {}, {}, {}};
  rate.points = {{point(0.5, "rate@0.5", 0.5), point(1.5, "rate@1.5", 1.4)},
                 {point(0.5, "rate@0.5", 0.5), point(1.5, "rate@1.5", 1.1)}};
  rate.saturation = {{"edge", 1.5, "slo", true, ""}, {"central", 0.5, "slo", true, ""}};
  r.sweeps = {ramp, length, rate};
  return r;
}

std::vector<gate::Check> sweep_check(const std::string& text) {
  static const report::Report report = sweep_fixture();
  return gate::evaluate(parsed(text), report);
}

gate::Check sweep_single(const std::string& text) { return test::only_check(sweep_check(text)); }

}  // namespace

TEST_CASE("sweep assertions: phase names carry @value, fractions included") {
  auto a = parsed("edge.ramp@4.ttft.p95 < 300ms");
  CHECK(a.subject == Subject::metric_stat);
  CHECK(a.phase == "ramp@4");
  CHECK(a.metric == "ttft");
  CHECK(a.threshold == 300);
  a = parsed("edge.rate@0.5.ttft.p50 < 1s");
  CHECK(a.phase == "rate@0.5");
  CHECK(a.metric == "ttft");
  CHECK(a.threshold == Approx(1000));
  a = parsed("edge.rate@12.25.throughput >= 1.5");
  CHECK(a.subject == Subject::phase_stat);
  CHECK(a.phase == "rate@12.25");
  CHECK(a.stat == Stat::throughput);
  CHECK(a.threshold == Approx(1.5));
  a = parsed("*.*.output_tps > 100");
  CHECK(a.stat == Stat::output_tps);
  a = parsed("central.ramp@2.error_rate < 1%");
  CHECK(a.phase == "ramp@2");
  CHECK(a.stat == Stat::error_rate);
}

TEST_CASE("sweep assertions: saturation, slope and intercept of a whole sweep") {
  auto a = parsed("edge.ramp.saturation >= 4");
  CHECK(a.subject == Subject::sweep_stat);
  CHECK(a.phase == "ramp");
  CHECK(a.stat == Stat::saturation);
  CHECK(a.threshold == 4);
  a = parsed("edge.length.slope < 2ms");
  CHECK(a.stat == Stat::slope);
  CHECK(a.threshold == 2);
  a = parsed("edge.length.intercept < 0.3s");
  CHECK(a.stat == Stat::intercept);
  CHECK(a.threshold == Approx(300));
  CHECK(gate::path_for(a, "edge", "length") == "edge.length.intercept");
}

TEST_CASE("sweep assertions: mistakes are reported at their column") {
  test::check_parse_errors({
      {"edge.ramp@4.saturation >= 4", 6, "saturation is a figure of a whole sweep: name the sweep phase as written"},
      {"edge.all.slope < 2ms", 6, "slope is a figure of a whole sweep: name the sweep phase as written"},
      {"edge.ramp.throughput > 2", 6, "throughput is measured per sweep value: name the phase <sweep>@<value>"},
      {"edge.all.output_tps > 2", 6, "output_tps is measured per sweep value: name the phase <sweep>@<value>"},
      {"edge.ramp.slope < 2", 20, "missing unit for a time (expected ms or s)"},
      {"edge.ramp.saturation >= 4ms", 26,
       "\"ms\" does not apply to a sweep value (a concurrency or a rate) (expected a bare number)"},
      {"edge.ramp@4.throughput > 2%", 27,
       "\"%\" does not apply to throughput (requests per second) (expected a bare number)"},
      {"edge.ramp@.ttft.p95 < 4ms", 11, "expected a sweep value (a number) after \"@\", got \"\""},
      {"edge.ramp@x.ttft.p95 < 4ms", 11, "expected a sweep value (a number) after \"@\", got \"x\""},
      {"edge.ramp@4@5.ttft.p95 < 4ms", 11, "expected a sweep value (a number) after \"@\", got \"4@5\""},
      {"edge.@4.ttft.p95 < 4ms", 6, "expected a phase name before \"@\""},
      {"edge@2.warm.ttft.p95 < 4ms", 5, "\"@\" marks a sweep value and belongs to the phase"},
      {"edge.ramp@4.", 13, "expected a name after \".\""},
      {"edge.rate@0.5.5.p95 < 4ms", 15,
       "unknown metric \"5\" (expected ttft, first_token, first_answer, e2e, ttfb, decode_tps, itl_p50)"},
  });
  CHECK(gate::parse_assertion("edge.ramp@4.slope < 2ms").error().hint == "write edge.ramp.slope");
}

TEST_CASE("sweep assertions: check_names knows sweeps from their expanded phases") {
  const std::vector<std::string> targets = {"edge"}, phases = {"warm", "ramp@1", "ramp@2", "rate@0.5"};
  CHECK_FALSE(gate::check_names(parsed("edge.ramp@2.ttft.p95 < 4ms"), targets, phases));
  CHECK_FALSE(gate::check_names(parsed("edge.ramp.saturation >= 2"), targets, phases));
  CHECK_FALSE(gate::check_names(parsed("edge.rate@0.5.throughput > 0.4"), targets, phases));
  const auto value = gate::check_names(parsed("edge.ramp@3.throughput > 1"), targets, phases);
  REQUIRE(value);
  CHECK(value->message == "no phase \"ramp@3\" (phases: warm, ramp@1, ramp@2, rate@0.5, all)");
  const auto sweep = gate::check_names(parsed("edge.warm.saturation >= 2"), targets, phases);
  REQUIRE(sweep);
  CHECK(sweep->column == 6);
  CHECK(sweep->message == "no sweep \"warm\" (sweeps: ramp, rate)");
  const auto none = gate::check_names(parsed("edge.ramp.slope < 1ms"), targets, {"warm"});
  REQUIRE(none);
  CHECK(none->message == "no sweep \"ramp\" (sweeps: none)");
}

TEST_CASE("sweep assertions: saturation passes or fails on the measured value") {
  auto c = sweep_single("edge.ramp.saturation >= 2");
  CHECK(c.passed);
  CHECK(c.expression == "edge.ramp.saturation >= 2");
  CHECK(c.detail == "measured 2 (concurrency, where throughput stops growing by 10%)");
  CHECK_FALSE(sweep_single("edge.ramp.saturation >= 4").passed);
  c = sweep_single("central.ramp.saturation >= 1");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no concurrency qualifies as the saturation point (no value meets the SLO)");
  c = sweep_single("edge.rate.saturation > 1.4");
  CHECK(c.passed);
  CHECK(c.detail == "measured 1.5 (rate, the highest value meeting the SLO)");
  c = sweep_single("edge.length.saturation > 0");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: length sweeps input_tokens; concurrency and rate sweeps have a saturation point");
}

TEST_CASE("sweep assertions: slope and intercept of the TTFT fit") {
  auto c = sweep_single("edge.length.slope < 2ms");
  CHECK(c.passed);
  CHECK(c.detail == "measured 1.75 ms per 1,000 input tokens, n = 40");
  CHECK_FALSE(sweep_single("edge.length.slope < 1.7ms").passed);
  c = sweep_single("edge.length.intercept < 0.2s");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "measured 212.5 ms, n = 40");
  c = sweep_single("central.length.intercept < 300ms");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no TTFT fit for central in length (too few successful rows)");
  c = sweep_single("edge.ramp.slope < 2ms");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: ramp sweeps concurrency; input_tokens sweeps have a TTFT fit");
  c = sweep_single("edge.nope.slope < 2ms");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "no sweep \"nope\" in the report (sweeps: ramp, length, rate)");
}

TEST_CASE("sweep assertions: throughput at one sweep value") {
  auto c = sweep_single("edge.ramp@2.throughput >= 18");
  CHECK(c.passed);
  CHECK(c.detail == "measured 18.25 requests/s");
  CHECK_FALSE(sweep_single("edge.ramp@2.throughput >= 18.5").passed);
  c = sweep_single("edge.rate@0.5.output_tps == 50");
  CHECK(c.passed);
  CHECK(c.detail == "measured 50 output tokens/s");
  c = sweep_single("central.ramp@2.throughput >= 0");
  CHECK_FALSE(c.passed);
  CHECK(c.detail == "not measured: no successful request with a wall time (10 requests, 0 failed)");
  c = sweep_single("edge.ramp@8.throughput >= 0");
  CHECK_FALSE(c.passed);
  CHECK(c.detail.rfind("no phase \"ramp@8\" in the report", 0) == 0);
}

TEST_CASE("sweep assertions: wildcards expand only where the figure exists") {
  auto checks = sweep_check("*.*.saturation >= 1");
  REQUIRE(checks.size() == 4);  // ramp and rate for each target, never length
  CHECK(checks[0].expression == "edge.ramp.saturation >= 1");
  CHECK(checks[1].expression == "edge.rate.saturation >= 1");
  CHECK(checks[0].passed);
  CHECK(checks[1].passed);
  CHECK(checks[2].expression == "central.ramp.saturation >= 1");
  CHECK_FALSE(checks[2].passed);  // no value qualifies
  CHECK_FALSE(checks[3].passed);  // 0.5 < 1
  checks = sweep_check("edge.*.intercept < 250ms");
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].expression == "edge.length.intercept < 250ms");
  CHECK(checks[0].passed);
  checks = sweep_check("central.*.throughput > 0.9");
  REQUIRE(checks.size() == 7);
  CHECK(checks[6].expression == "central.rate@1.5.throughput > 0.9");
  CHECK(checks[6].passed);
  CHECK_FALSE(checks[1].passed);  // ramp@2 unmeasured
  report::Report empty;
  empty.run.targets = {"edge"};
  const auto c = gate::evaluate(parsed("edge.*.slope < 2ms"), empty);
  REQUIRE(c.size() == 1);
  CHECK_FALSE(c[0].passed);
  CHECK(c[0].detail == "no input_tokens sweep in the report");
}
