#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "metrics/definitions.hpp"
#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;
using report::find_row;

namespace {

// e2e = ttft + 1 s.
samples::Sample model_sample(const std::string& target, const std::string& phase, double ttft_ms,
                             const std::string& error = {}) {
  return test::make_sample(target, phase, ttft_ms, error, {.decode_ms = 1000});
}

report::RunInfo two_targets() {
  report::RunInfo run;
  run.targets = {"a", "b"};
  run.phases = {"cold", "warm"};
  run.seed = 7;
  return run;
}

// a: cold 100/200/300, warm 100..119 plus one failure; b: cold 3 values, warm 200..219.
std::vector<samples::Sample> clear_difference() {
  std::vector<samples::Sample> s;
  for (const double v : {100.0, 200.0, 300.0}) s.push_back(model_sample("a", "cold", v));
  for (const double v : {150.0, 250.0, 350.0}) s.push_back(model_sample("b", "cold", v));
  for (int i = 0; i < 20; ++i) s.push_back(model_sample("a", "warm", 100 + i));
  for (int i = 0; i < 20; ++i) s.push_back(model_sample("b", "warm", 200 + i));
  s.push_back(model_sample("a", "warm", 1, "http_5xx"));
  s.push_back(model_sample("b", "warm", 1, "timeout_total"));
  s.push_back(model_sample("b", "cold", 1, "timeout_total"));
  return s;
}

}  // namespace

TEST_CASE("rows: p50 per group with errors counted apart and kept out of the statistics") {
  const auto report = report::build_report(clear_difference(), two_targets());
  CHECK(report.rows.size() == 2 * 3 * metrics::metric_definitions().size());
  const auto* cold = find_row(report, "a", "cold", "ttft");
  REQUIRE(cold);
  CHECK(cold->unit == "ms");
  CHECK(cold->n == 3);
  CHECK(cold->errors == 0);
  CHECK(cold->summary.p50 == Approx(200));
  const auto* warm = find_row(report, "a", "warm", "ttft");
  REQUIRE(warm);
  CHECK(warm->n == 20);
  CHECK(warm->errors == 1);
  CHECK(warm->summary.min == Approx(100));  // the failure's 1 ms never counts
  CHECK(warm->summary.p50 == Approx(109.5));
  const auto* all = find_row(report, "b", "all", "ttft");
  REQUIRE(all);
  CHECK(all->n == 23);
  CHECK(all->errors == 2);
  CHECK(report.samples == 49);
  CHECK(report.errors == 3);
  CHECK(report.errors_by_class.at("b").at("timeout_total") == 2);
  CHECK(report.errors_by_class.at("a").at("http_5xx") == 1);
}

TEST_CASE("rows: small-n flags and confidence intervals and unmeasured metrics") {
  const auto report = report::build_report(clear_difference(), two_targets());
  const auto* cold = find_row(report, "a", "cold", "ttft");
  CHECK(cold->p50_small_n);
  CHECK(cold->p95_small_n);
  const auto* warm = find_row(report, "a", "warm", "ttft");
  CHECK_FALSE(warm->p50_small_n);
  CHECK_FALSE(warm->p95_small_n);
  CHECK(warm->p99_small_n);
  REQUIRE(warm->p50_ci);
  CHECK(warm->p50_ci->low <= 109.5);
  CHECK(warm->p50_ci->high >= 109.5);
  const auto* itl = find_row(report, "a", "warm", "itl_p50");
  REQUIRE(itl);
  CHECK(itl->n == 0);
  CHECK_FALSE(itl->summary.p50);
  CHECK_FALSE(itl->p50_ci);
}

TEST_CASE("rows: percentiles over every request, each failure slower than any success") {
  const auto report = report::build_report(clear_difference(), two_targets());
  // a warm: 100..119 and one failure (N = 21): p50's h = 10 → 110; p99's h = 19.8 reaches the failure.
  const auto* warm = find_row(report, "a", "warm", "ttft");
  CHECK(*warm->p50_incl_errors == Approx(110));
  CHECK_FALSE(warm->p99_incl_errors);
  // b cold: 150, 250, 350 and one failure (N = 4): p50's h = 1.5 → 300; p95's h = 2.85 → failed.
  const auto* cold = find_row(report, "b", "cold", "e2e");
  CHECK(*cold->p50_incl_errors == Approx(1300));
  CHECK_FALSE(cold->p95_incl_errors);
  // a cold has no failure: the ordinary percentiles.
  const auto* clean = find_row(report, "a", "cold", "ttft");
  CHECK(clean->p95_incl_errors == clean->summary.p95);
}

TEST_CASE("rows: a rate ranks each failure below every success") {
  std::vector<samples::Sample> s;
  for (const double tps : {5.0, 6.0, 7.0, 8.0}) {
    s.push_back(model_sample("a", "warm", 100));
    s.back().decode_tps = tps;
  }
  s.push_back(model_sample("a", "warm", 1, "http_5xx"));
  s.push_back(model_sample("a", "warm", 1, "truncated"));
  report::RunInfo run = two_targets();
  run.phases = {"warm"};
  const auto report = report::build_report(s, run);
  // N = 6 with the two failures lowest: p50's h = 2.5 → 5.5, p95's h = 4.75 → 7.75.
  const auto* tps = find_row(report, "a", "warm", "decode_tps");
  CHECK(*tps->p50_incl_errors == Approx(5.5));
  CHECK(*tps->p95_incl_errors == Approx(7.75));
}

TEST_CASE("verdicts: a clear difference is significant and names the faster target") {
  const auto report = report::build_report(clear_difference(), two_targets());
  REQUIRE(report.verdicts.size() == 4);  // (cold, warm) × (p50, p95) for the one pair
  const auto& cold = report.verdicts[0];
  // b failed 1 of its 4 cold requests: the line says so even without figures.
  CHECK(cold.text == "cold p50: too few samples (n = 3) (errors: a 0.0%, b 25.0%)");
  CHECK_FALSE(cold.significant);
  CHECK_FALSE(cold.diff);
  const auto& warm = report.verdicts[2];
  CHECK(warm.stat == "p50");
  REQUIRE(warm.diff);
  CHECK(*warm.diff == Approx(-100));
  CHECK(warm.significant);
  CHECK(warm.ci->high < 0);
  CHECK(warm.p_value < 0.001);
  CHECK_THAT(warm.text, Catch::StartsWith("warm p50: a faster by 100 ms (95% CI "));
  CHECK_THAT(warm.text, Catch::EndsWith(" ms, p < 0.001) (errors: a 4.8%, b 4.8%)"));
  CHECK(*warm.error_rate_a == Approx(1.0 / 21));
  CHECK(*warm.error_p_value == Approx(1.0));
  CHECK_FALSE(warm.faster_fails_more_often);
}

// a: warm 100..149 ms with 15 failures more; b: warm 200..249 ms, never failing.
std::vector<samples::Sample> faster_but_failing() {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 50; ++i) s.push_back(model_sample("a", "warm", 100 + i));
  for (int i = 0; i < 15; ++i) s.push_back(model_sample("a", "warm", 1, "rate_limited"));
  for (int i = 0; i < 50; ++i) s.push_back(model_sample("b", "warm", 200 + i));
  return s;
}

TEST_CASE("verdicts: a faster target that fails significantly more often is called out") {
  report::RunInfo run = two_targets();
  run.phases = {"warm"};
  const auto report = report::build_report(faster_but_failing(), run);
  const auto& p50 = report.verdicts[0];
  REQUIRE(p50.significant);
  // 15/65 = 23.1% against 0/50: pooled 15/115, z = 0.2308 / sqrt(0.1304 · 0.8696 · (1/65 + 1/50))
  // = 0.2308 / 0.0634 = 3.64, p = 0.00027.
  CHECK(*p50.error_rate_a == Approx(15.0 / 65));
  CHECK(*p50.error_rate_b == 0);
  CHECK(*p50.error_p_value == Approx(0.00027).epsilon(0.01));
  CHECK(p50.faster_fails_more_often);
  CHECK_THAT(p50.text, Catch::StartsWith("warm p50: a faster by 100 ms (95% CI "));
  CHECK_THAT(p50.text, Catch::EndsWith(", p < 0.001) (errors: a 23.1%, b 0.0%); but a fails more often: "
                                       "23.1% vs 0.0%, p < 0.001"));
}

TEST_CASE("verdicts: the slower target failing more, or a difference in chance, adds the rates only") {
  std::vector<samples::Sample> s = faster_but_failing();
  for (auto& sample : s) {
    if (!sample.error.empty()) sample.target = "b";  // now the slower one fails
  }
  report::RunInfo run = two_targets();
  run.phases = {"warm"};
  auto report = report::build_report(s, run);
  CHECK_FALSE(report.verdicts[0].faster_fails_more_often);
  CHECK_THAT(report.verdicts[0].text, Catch::EndsWith(" (errors: a 0.0%, b 23.1%)"));
  CHECK(*report.verdicts[0].error_p_value < 0.001);
  // One failure in 51 against none in 50: p = 0.32, not significant.
  s = faster_but_failing();
  s.erase(s.begin() + 51, s.begin() + 65);
  report = report::build_report(s, run);
  CHECK(*report.verdicts[0].error_p_value > 0.05);
  CHECK_FALSE(report.verdicts[0].faster_fails_more_often);
  CHECK_THAT(report.verdicts[0].text, Catch::EndsWith(" (errors: a 2.0%, b 0.0%)"));
}

TEST_CASE("verdicts: overlapping samples give no significant difference") {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 20; ++i) {
    s.push_back(model_sample("a", "warm", 100 + 2 * i));
    s.push_back(model_sample("b", "warm", 101 + 2 * i));
  }
  report::RunInfo run = two_targets();
  run.phases = {"warm"};
  const auto report = report::build_report(s, run);
  REQUIRE(report.verdicts.size() == 2);
  const auto& p50 = report.verdicts[0];
  CHECK_FALSE(p50.significant);
  CHECK(p50.p_value > 0.5);
  CHECK_THAT(p50.text, Catch::StartsWith("warm p50: no significant difference (b \u2212 a 1 ms, "
                                         "95% CI "));
}

TEST_CASE("the same seed gives the same intervals") {
  const auto one = report::build_report(clear_difference(), two_targets());
  const auto two = report::build_report(clear_difference(), two_targets());
  const auto* a = find_row(one, "a", "warm", "ttft");
  const auto* b = find_row(two, "a", "warm", "ttft");
  CHECK(a->p95_ci->low == b->p95_ci->low);
  CHECK(a->p95_ci->high == b->p95_ci->high);
  CHECK(one.verdicts[2].ci->low == two.verdicts[2].ci->low);
}

TEST_CASE("targets and phases only in the samples are reported after the known ones") {
  auto s = clear_difference();
  s.push_back(model_sample("c", "burst", 50));
  const auto report = report::build_report(s, two_targets());
  CHECK(report.run.targets == std::vector<std::string>{"a", "b", "c"});
  CHECK(report.run.phases == std::vector<std::string>{"cold", "warm", "burst"});
  const auto* row = find_row(report, "c", "burst", "ttft");
  REQUIRE(row);
  CHECK(row->n == 1);
}

TEST_CASE("costs: token totals from successful samples and no price for unpriced targets") {
  report::RunInfo run = two_targets();
  cost::Pricing priced;
  priced.tokens = cost::TokenPrices{1'000'000, 2'000'000};  // 1 and 2 USD per million tokens
  run.pricing["a"] = priced;
  const auto report = report::build_report(clear_difference(), run);
  const auto& a = report.costs.at("a");
  CHECK(a.requests == 23);
  CHECK(a.input_tokens == 2300);
  CHECK(a.output_tokens == 4600);
  // 23 requests × (100 × 1 + 200 × 2) µUSD = 11,500 µUSD.
  CHECK(a.run_cost_pusd == 11'500'000'000);
  CHECK(a.usd_per_1k_requests == Approx(0.5));
  const auto& b = report.costs.at("b");
  CHECK_FALSE(b.blended_usd_per_mtok);
  REQUIRE(report.break_evens.size() == 1);
  CHECK(report.break_evens[0].second.kind == cost::BreakEvenKind::unpriced);
}

TEST_CASE("client lateness large next to the latencies is called out") {
  report::RunInfo run = two_targets();
  run.client_lateness = report::LatenessSummary{};
  run.client_lateness->wake_p99_ms = 5;
  CHECK_FALSE(report::build_report(clear_difference(), run).client_error_note);
  run.client_lateness->wake_p99_ms = 50;
  const auto note = report::build_report(clear_difference(), run).client_error_note;
  REQUIRE(note);
  CHECK_THAT(*note, Catch::Contains("p99 50 ms"));
}

TEST_CASE("metric definitions: one table with values in the metric's unit") {
  const auto& defs = metrics::metric_definitions();
  std::vector<std::string> names;
  for (const auto& d : defs) names.emplace_back(d.name);
  CHECK(names ==
        std::vector<std::string>{"ttft", "first_token", "first_answer", "e2e", "ttfb", "decode_tps", "itl_p50"});
  samples::Sample s;
  s.ttft_ns = 50'312'000;
  s.decode_tps = 140.5;
  CHECK(metrics::metric_value(s, "ttft") == 50.312);
  CHECK(metrics::metric_value(s, "decode_tps") == 140.5);
  CHECK_FALSE(metrics::metric_value(s, "e2e"));
  CHECK_FALSE(metrics::metric_value(s, "nope"));
  CHECK(metrics::find_metric("decode_tps")->unit == "tokens/s");
}

TEST_CASE("non-streaming targets: e2e verdicts between them only, never against a stream's first token") {
  report::RunInfo run;
  run.targets = {"s1", "w1", "s2", "w2"};
  run.phases = {"warm"};
  run.seed = 7;
  run.non_streaming_targets = {"w1", "w2"};
  std::vector<samples::Sample> s;
  for (int i = 0; i < 20; ++i) {
    s.push_back(model_sample("s1", "warm", 100 + i));
    s.push_back(model_sample("s2", "warm", 200 + i));
    for (const auto& [target, e2e_ms] : {std::pair{"w1", 500.0}, std::pair{"w2", 900.0}}) {
      samples::Sample whole = model_sample(target, "warm", 0);
      whole.ttft_ns.reset();
      whole.e2e_ns = static_cast<Nanos>((e2e_ms + i) * 1e6);
      s.push_back(whole);
    }
  }
  const auto report = report::build_report(s, run);
  REQUIRE(report.verdicts.size() == 4);  // p50 and p95 of s1 vs s2, then of w1 vs w2
  CHECK(report.verdicts[0].metric == "ttft");
  CHECK(report.verdicts[0].target_a == "s1");
  CHECK(report.verdicts[0].target_b == "s2");
  for (std::size_t i = 2; i < 4; ++i) {
    CHECK(report.verdicts[i].metric == "e2e");
    CHECK(report.verdicts[i].target_a == "w1");
    CHECK(report.verdicts[i].target_b == "w2");
    CHECK(report.verdicts[i].diff == Approx(-400));
  }
  const auto* whole_ttft = find_row(report, "w1", "warm", "ttft");
  REQUIRE(whole_ttft);
  CHECK(whole_ttft->n == 0);  // no first token: nothing in the TTFT tables

  run.non_streaming_targets = {"w1"};  // one alone is compared with nothing
  for (const auto& verdict : report::build_report(s, run).verdicts) {
    CHECK(verdict.target_a != "w1");
    CHECK(verdict.target_b != "w1");
    CHECK(verdict.metric == "ttft");
  }
}
