// The scenario's headline in the report model: which metric the verdicts compare, the note and the
// first_answer verdicts beside a headline that counts reasoning, and the run cost's cache prices.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cost/sample_cost.hpp"
#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

report::RunInfo warm_pair(const std::string& headline = "ttft") {
  report::RunInfo run;
  run.targets = {"thinker", "plain"};
  run.phases = {"warm"};
  run.seed = 3;
  run.headline = headline;
  return run;
}

// test::thinker_and_plain: thinker's first event at 100..124 ms, its answer 300 ms later when it
// reasons; plain's text and answer at 200..224 ms.
std::vector<samples::Sample> reasoning_rows(bool thinker_reasons = true) {
  return test::thinker_and_plain(thinker_reasons);
}

std::vector<std::string> verdict_metrics(const report::Report& report) {
  std::vector<std::string> metrics;
  for (const report::Verdict& v : report.verdicts) metrics.push_back(v.metric + " " + v.stat);
  return metrics;
}

}  // namespace

TEST_CASE("headline: the verdicts compare the headline metric, ttft when unknown") {
  for (const std::string headline : {"ttft", "first_token", "first_answer"}) {
    const auto report = report::build_report(reasoning_rows(false), warm_pair(headline));
    CHECK(verdict_metrics(report) == std::vector<std::string>{headline + " p50", headline + " p95"});
  }
  const auto odd = report::build_report(reasoning_rows(false), warm_pair("e2e"));
  CHECK(report::headline_metric(odd.run) == "ttft");
  CHECK(verdict_metrics(odd) == std::vector<std::string>{"ttft p50", "ttft p95"});
}

TEST_CASE("headline: a target that streamed reasoning adds the note and the first_answer verdicts") {
  const auto report = report::build_report(reasoning_rows(), warm_pair());
  CHECK(report.reasoning_targets == std::vector<std::string>{"thinker"});
  REQUIRE(report.reasoning_note);
  CHECK(*report.reasoning_note ==
        "thinker streamed reasoning before its answer: the headline counts its first reasoning token; the "
        "first_answer verdicts below count what the user sees");
  REQUIRE(verdict_metrics(report) ==
          std::vector<std::string>{"ttft p50", "ttft p95", "first_answer p50", "first_answer p95"});
  // The headline crowns the thinker; what the user sees, the plain target.
  CHECK_THAT(report.verdicts[0].text, Catch::StartsWith("warm p50: thinker faster by 100 ms"));
  CHECK_THAT(report.verdicts[2].text, Catch::StartsWith("warm p50: plain faster by 200 ms"));
}

TEST_CASE("headline: no note without reasoning rows, nor when the headline is first_answer") {
  const auto plain = report::build_report(reasoning_rows(false), warm_pair());
  CHECK(plain.reasoning_targets.empty());
  CHECK_FALSE(plain.reasoning_note);
  CHECK(plain.verdicts.size() == 2);
  const auto answer = report::build_report(reasoning_rows(), warm_pair("first_answer"));
  CHECK(answer.reasoning_targets == std::vector<std::string>{"thinker"});
  CHECK_FALSE(answer.reasoning_note);
  CHECK(verdict_metrics(answer) == std::vector<std::string>{"first_answer p50", "first_answer p95"});
  CHECK_THAT(answer.verdicts[0].text, Catch::StartsWith("warm p50: plain faster by 200 ms"));
}

TEST_CASE("headline: a reasoning row that failed still counts, and several targets read as theirs") {
  auto rows = reasoning_rows(false);
  samples::Sample failed = test::make_sample("plain", "warm", 50, "timeout_total");
  failed.first_token_kind = "reasoning";
  rows.push_back(failed);
  rows[0].first_token_kind = "reasoning";
  const auto report = report::build_report(rows, warm_pair());
  CHECK(report.reasoning_targets == std::vector<std::string>{"thinker", "plain"});
  REQUIRE(report.reasoning_note);
  CHECK_THAT(*report.reasoning_note,
             Catch::StartsWith("thinker, plain streamed reasoning before their answer: the headline counts their"));
}

TEST_CASE("run cost: cache prices apply as in each row's cost_usd") {
  cost::Pricing pricing;
  // 1 USD per million input tokens, 0.1 cached, 1.25 written, 4 output.
  pricing.tokens = cost::TokenPrices{1'000'000, 4'000'000, 100'000, 1'250'000};
  report::RunInfo run = warm_pair();
  run.pricing["thinker"] = pricing;
  auto rows = reasoning_rows();
  cost::Pusd rows_total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    samples::Sample& s = rows[i];
    s.cached_input_tokens = static_cast<std::int64_t>(i % 3) * 30;  // 0, 30 or 60 of the 100
    if (i % 4 == 0) s.cache_write_tokens = 20;
    if (s.target != "thinker") continue;
    rows_total += *cost::sample_cost(pricing, false,
                                     {s.input_tokens, s.output_tokens, s.cached_input_tokens, s.cache_write_tokens});
  }
  const auto report = report::build_report(rows, run);
  const cost::TargetCost& thinker = report.costs.at("thinker");
  CHECK(thinker.run_cost_pusd == rows_total);
  // Less than the same tokens all at the input price: the cache parts were priced as such.
  CHECK(thinker.run_cost_pusd < cost::Pusd{25} * (100 * 1'000'000 + 200 * 4'000'000));
}
