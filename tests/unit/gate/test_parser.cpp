// The --assert grammar: valid expressions and their fields, every error with its exact message
// and column, and how the CLI prints the caret under that column.
#include <catch2/catch.hpp>

#include <string>

#include "gate/parser.hpp"
#include "unit/gate/gate_test_helpers.hpp"

using namespace ttft;
using gate::Op;
using gate::Stat;
using gate::Subject;
using test::parsed;

TEST_CASE("parser: metric stats with time units converted to the metric's ms") {
  auto a = parsed("edge.warm.ttft.p95 < 400ms");
  CHECK(a.subject == Subject::metric_stat);
  CHECK(a.target == "edge");
  CHECK(a.phase == "warm");
  CHECK(a.metric == "ttft");
  CHECK(a.stat == Stat::p95);
  CHECK(a.op == Op::less);
  CHECK(a.threshold == 400);
  CHECK(a.value_text == "400ms");
  CHECK(a.target_column == 1);
  CHECK(a.phase_column == 6);

  a = parsed("edge.warm.ttft.p95<0.4s");
  CHECK(a.threshold == Approx(400));
  CHECK(a.value_text == "0.4s");

  a = parsed("edge.*.e2e.max > 1.5 s");  // a space before the unit is fine
  CHECK(a.phase == "*");
  CHECK(a.metric == "e2e");
  CHECK(a.stat == Stat::max);
  CHECK(a.op == Op::greater);
  CHECK(a.threshold == Approx(1500));
  CHECK(a.value_text == "1.5s");

  a = parsed("  edge.warm.itl_p50.stdev   <=   12.25ms  ");
  CHECK(a.stat == Stat::stdev);
  CHECK(a.op == Op::less_equal);
  CHECK(a.threshold == Approx(12.25));
  CHECK(a.target_column == 3);

  a = parsed("*.warm.first_token.p50 >= 10ms");
  CHECK(a.target == "*");
  CHECK(a.op == Op::greater_equal);

  a = parsed("edge.warm.ttft.p95_incl_errors < 0.5s");  // failures counted: still a time
  CHECK(a.stat == Stat::p95_incl_errors);
  CHECK(a.threshold == Approx(500));
  CHECK(parsed("edge.warm.e2e.p50_incl_errors < 2s").stat == Stat::p50_incl_errors);
  CHECK(parsed("edge.warm.ttfb.p99_incl_errors < 2s").stat == Stat::p99_incl_errors);
}

TEST_CASE("parser: unitless metrics, counts and rates") {
  auto a = parsed("edge.all.decode_tps.mean == 20");
  CHECK(a.phase == "all");
  CHECK(a.metric == "decode_tps");
  CHECK(a.op == Op::equal);
  CHECK(a.threshold == 20);

  a = parsed("edge.cold.n != 0");
  CHECK(a.subject == Subject::phase_stat);
  CHECK(a.stat == Stat::n);
  CHECK(a.op == Op::not_equal);

  a = parsed("edge.warm.ttft.errors == 0");
  CHECK(a.subject == Subject::metric_stat);
  CHECK(a.stat == Stat::errors);

  a = parsed("central.warm.error_rate < 1%");
  CHECK(a.subject == Subject::phase_stat);
  CHECK(a.stat == Stat::error_rate);
  CHECK(a.threshold == Approx(0.01));
  CHECK(a.value_text == "1%");

  CHECK(parsed("edge.warm.ttft.error_rate <= 100%").threshold == Approx(1));
  CHECK(parsed("edge-1.warm_2.ttfb.min > 0ms").target == "edge-1");
}

TEST_CASE("parser: cost fields in USD, bare or with usd") {
  auto a = parsed("edge.cost.output_usd_per_mtok <= 0.5");
  CHECK(a.subject == Subject::cost);
  CHECK(a.cost_field == gate::CostField::output_usd_per_mtok);
  CHECK(a.threshold == Approx(0.5));
  CHECK(a.phase.empty());

  a = parsed("edge.cost.blended_usd_per_mtok < 0.25usd");
  CHECK(a.cost_field == gate::CostField::blended_usd_per_mtok);
  CHECK(a.value_text == "0.25usd");

  a = parsed("*.cost.usd_per_1k_requests < 2");
  CHECK(a.target == "*");
  CHECK(a.cost_field == gate::CostField::usd_per_1k_requests);
  CHECK(parsed("edge.cost.input_usd_per_mtok > 0").cost_field == gate::CostField::input_usd_per_mtok);
}

TEST_CASE("parser: goodput of a phase, as a percentage or a fraction") {
  auto a = parsed("edge.warm.goodput >= 95%");
  CHECK(a.subject == Subject::phase_stat);
  CHECK(a.stat == Stat::goodput);
  CHECK(a.op == Op::greater_equal);
  CHECK(a.threshold == Approx(0.95));
  CHECK(a.value_text == "95%");
  a = parsed("*.all.goodput > 0.9");
  CHECK(a.threshold == Approx(0.9));
  CHECK(a.value_text == "0.9");
  CHECK(parsed("edge.warm.goodput == 1").threshold == 1);
  CHECK(gate::parse_assertion("edge.warm.goodput >= 95").error().hint == "did you mean 95%?");
  CHECK(gate::parse_assertion("edge.warm.ttft.goodput > 0.9").error().hint ==
        "write edge.warm.goodput; the SLO names the metrics");
}

TEST_CASE("parser: accuracy of a phase, as a percentage or a fraction") {
  auto a = parsed("edge.all.accuracy >= 90%");
  CHECK(a.subject == Subject::phase_stat);
  CHECK(a.stat == Stat::accuracy);
  CHECK(a.phase == "all");
  CHECK(a.threshold == Approx(0.9));
  CHECK(parsed("edge.all.accuracy >= 0.9").threshold == Approx(0.9));
  CHECK(gate::parse_assertion("edge.warm.accuracy >= 90").error().hint == "did you mean 90%?");
  CHECK(gate::parse_assertion("edge.warm.accuracy >= 101%").error().message == "expected a percentage from 0% to 100%");
  CHECK(gate::parse_assertion("edge.warm.accuracy > 5ms").error().message ==
        "\"ms\" does not apply to a share (expected % or a fraction from 0 to 1)");
}

TEST_CASE("parser: every mistake is reported at its column") {
  test::check_parse_errors({
      {"edge.warm.ttft.p95 < 400mss", 25, "unknown unit \"mss\" (expected ms, s, %, usd)"},
      {"edge.warm.ttfx.p95 < 400ms", 11,
       "unknown metric \"ttfx\" (expected ttft, first_token, first_answer, e2e, ttfb, decode_tps, itl_p50)"},
      {"edge.warm.ttft.p90 < 400ms", 16,
       "unknown stat \"p90\" (expected mean, stdev, min, p50, p95, p99, max, n, errors, error_rate, "
       "p50_incl_errors, p95_incl_errors, p99_incl_errors)"},
      {"edge.warm.ttft.p95 =< 400ms", 20, "unknown operator \"=<\" (expected <, <=, >, >=, ==, !=)"},
      {"edge.warm.ttft.p95 400ms", 20, "expected an operator (<, <=, >, >=, ==, !=), got \"4\""},
      {"edge.warm.ttft.p95 ~ 4ms", 20, "expected an operator (<, <=, >, >=, ==, !=), got \"~\""},
      {"edge.warm.ttft.p95", 19, "missing operator (expected <, <=, >, >=, ==, !=)"},
      {"edge.warm.ttft.p95 <", 21, "missing value after \"<\""},
      {"edge.warm.ttft.p95 < 400", 25, "missing unit for a time (expected ms or s)"},
      {"edge.warm.ttft.p95 < 40%", 24, "\"%\" does not apply to a time (expected ms or s)"},
      {"edge.warm.ttft.p95 < 4 usd", 24, "\"usd\" does not apply to a time (expected ms or s)"},
      {"central.warm.error_rate < 1", 28, "missing unit for a rate (expected %)"},
      {"central.warm.error_rate < 150%", 27, "expected a percentage from 0% to 100%"},
      {"edge.cost.output_usd_per_mtok <= 0.5ms", 37,
       "\"ms\" does not apply to a price (expected usd or a bare number)"},
      {"edge.cost.price < 1", 11,
       "unknown cost field \"price\" (expected input_usd_per_mtok, output_usd_per_mtok, "
       "blended_usd_per_mtok, usd_per_1k_requests)"},
      {"edge.cost < 1", 10, "missing cost field after \"edge.cost\""},
      {"edge.cost.input_usd_per_mtok.x < 1", 29, "unexpected \".x\" after the cost field"},
      {"edge.warm.decode_tps.p50 > 20s", 30,
       "\"s\" does not apply to decode_tps (in tokens/s) (expected a bare number)"},
      {"edge.warm.n > 5ms", 16, "\"ms\" does not apply to a count (expected a bare number)"},
      {"edge.warm < 400ms", 10, "missing metric after \"edge.warm\""},
      {"edge < 4ms", 5, "missing phase after \"edge\""},
      {"edge..ttft.p95 < 4ms", 6, "expected a name after \".\""},
      {".warm.ttft.p95 < 4ms", 1, "expected a target name before \".\""},
      {"ed*e.warm.ttft.p95 < 4ms", 1, "\"ed*e\": a wildcard stands alone as \"*\""},
      {"edge.warm.*.p95 < 4ms", 11, "a wildcard matches targets and phases only"},
      {"edge.warm.ttft < 4ms", 15, "missing stat after \"ttft\""},
      {"edge.warm.p95 < 4ms", 11, "\"p95\" needs a metric before it"},
      {"edge.warm.bogus < 4ms", 11,
       "unknown metric \"bogus\" (expected ttft, first_token, first_answer, e2e, ttfb, decode_tps, itl_p50; or n, errors, "
       "error_rate, goodput, accuracy, throughput, output_tps; or saturation, slope, intercept)"},
      {"edge.warm.ttft.goodput > 0.9", 16, "goodput is a figure of the phase, not of one metric"},
      {"edge.warm.goodput >= 95", 22, "expected a fraction from 0 to 1, or a percentage with %"},
      {"edge.warm.goodput >= 101%", 22, "expected a percentage from 0% to 100%"},
      {"edge.warm.goodput >= 1s", 23, "\"s\" does not apply to a share (expected % or a fraction from 0 to 1)"},
      {"edge.warm.ttft.p95.x < 4ms", 19, "unexpected \".x\" after the stat"},
      {"edge.warm.ttft.p95 < -4ms", 22, "expected a number >= 0, got \"-\""},
      {"edge.warm.ttft.p95 < x", 22, "expected a number, got \"x\""},
      {"edge.warm.ttft.p95 < 4.ms", 24, "expected digits after \".\""},
      {"edge.warm.ttft.p95 < 4ms extra", 26, "unexpected \"extra\" after the value"},
      {"edge.wa$rm.ttft.p95 < 4ms", 8, "unexpected character \"$\" in the path"},
      {"edge.wärm.ttft.p95 < 4ms", 7, "unexpected character \"ä\" in the path"},
      {"é.warm.ttft.p95 < 4ms", 1, "expected a target name, got \"é\""},
      {"", 1, "empty assertion"},
  });
}

TEST_CASE("parser: hints for near-miss operators") {
  CHECK(gate::parse_assertion("a.b.ttft.p95 = 4ms").error().hint == "did you mean \"==\"?");
  CHECK(gate::parse_assertion("a.b.ttft.p95 =< 4ms").error().hint == "did you mean \"<=\"?");
  CHECK(gate::parse_assertion("a.b.ttft.p95 => 4ms").error().hint == "did you mean \">=\"?");
  CHECK(gate::parse_assertion("a.b.ttft.p95 <> 4ms").error().hint == "did you mean \"!=\"?");
}

TEST_CASE("parser: the printed caret sits under the column of the mistake") {
  const std::string text = "edge.warm.ttft.p95 < 400mss";
  const auto result = gate::parse_assertion(text);
  REQUIRE_FALSE(result);
  const std::string printed = render_error(gate::to_error(text, result.error()));
  const auto line_end = printed.find('\n');
  const std::string first = printed.substr(0, line_end);
  const std::string second = printed.substr(line_end + 1);
  CHECK(first == "ttftbench: error: --assert: edge.warm.ttft.p95 < 400mss");
  CHECK(second.find('^') == first.find("mss"));
  CHECK(second.substr(second.find('^')) == "^ unknown unit \"mss\" (expected ms, s, %, usd)\n");
}

TEST_CASE("parser: parse_assertions stops at the first bad expression") {
  const auto all = gate::parse_assertions({"a.b.ttft.p95 < 4ms", "a.cost.input_usd_per_mtok < 1"});
  REQUIRE(all);
  CHECK(all->size() == 2);
  const auto bad = gate::parse_assertions({"a.b.ttft.p95 < 4ms", "a.b.ttft.p95 < 4", "a.b < 1"});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == "--assert");
  CHECK(bad.error().message.rfind("a.b.ttft.p95 < 4\n", 0) == 0);
}

TEST_CASE("parser: check_names points at an unknown target or phase") {
  const std::vector<std::string> targets = {"edge", "central"}, phases = {"cold", "warm"};
  CHECK_FALSE(gate::check_names(parsed("*.*.ttft.p95 < 4ms"), targets, phases));
  CHECK_FALSE(gate::check_names(parsed("edge.all.ttft.p95 < 4ms"), targets, phases));
  CHECK_FALSE(gate::check_names(parsed("central.cost.input_usd_per_mtok < 1"), targets, phases));
  const auto target = gate::check_names(parsed("edgee.warm.ttft.p95 < 4ms"), targets, phases);
  REQUIRE(target);
  CHECK(target->column == 1);
  CHECK(target->message == "no target \"edgee\" (targets: edge, central)");
  const auto phase = gate::check_names(parsed(" edge.hot.ttft.p95 < 4ms"), targets, phases);
  REQUIRE(phase);
  CHECK(phase->column == 7);
  CHECK(phase->message == "no phase \"hot\" (phases: cold, warm, all)");
}

TEST_CASE("parser: check_names over a list of expressions reports the first wrong name with its caret") {
  const std::vector<std::string> targets = {"edge", "central"}, phases = {"cold", "warm"};
  CHECK(gate::check_names(std::vector<gate::Assertion>{parsed("*.*.ttft.p95 < 4ms"), parsed("edge.warm.n > 0")},
                          targets, phases));
  const auto wrong = gate::check_names(
      std::vector<gate::Assertion>{parsed("edge.warm.n > 0"), parsed("edge.hot.n > 0"), parsed("egde.warm.n > 0")},
      targets, phases);
  REQUIRE_FALSE(wrong);
  const Error expected = gate::to_error("edge.hot.n > 0", {6, "no phase \"hot\" (phases: cold, warm, all)", ""});
  CHECK(wrong.error().where == expected.where);
  CHECK(wrong.error().message == expected.message);
}
