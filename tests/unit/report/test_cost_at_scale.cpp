// Cost at a request volume from the report's measured costs: the monthly bill of each priced
// target, and a ratio table per pair of targets.
#include <catch2/catch.hpp>

#include <vector>

#include "report/cost_at_scale.hpp"
#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

TEST_CASE("cost at a volume: priced targets' monthly bills at their measured cost per request") {
  std::vector<samples::Sample> samples;
  for (int i = 0; i < 24; ++i) {
    samples.push_back(test::make_sample("edge", "warm", 100 + i));
    samples.push_back(test::make_sample("central", "warm", 100 + i));
  }
  report::RunInfo run;
  run.targets = {"edge", "central"};
  run.pricing["edge"].tokens = cost::TokenPrices{1'000'000, 2'000'000};
  const report::Report r = report::build_report(samples, run);
  const auto scale = report::cost_at_scale(r.run.targets, r.run.pricing, r.costs, *cost::parse_volume("1M/month"));
  // 100 in + 200 out tokens at $1/$2 per Mtok: $0.0005 a request, $500 a month; central unpriced.
  REQUIRE(scale.monthly.size() == 1);
  CHECK(scale.monthly.front().target == "edge");
  CHECK(scale.monthly.front().month.net_usd == Approx(500));
  CHECK(scale.output_tokens == 200);
  CHECK(scale.pairs.size() == 1);
}
