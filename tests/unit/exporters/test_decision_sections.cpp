// The decision sections (TTFT after idle, cost at a volume) as the terminal, Markdown and JSON
// exporters show them, from a hand-made idle estimate and the report's cost at a volume.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cost/monthly_cost.hpp"
#include "exporters/report_exporters.hpp"
#include "report/cost_at_scale.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

constexpr Nanos kMinute = 60'000'000'000;

// edge: warm p95 118 ms; cold after 1 and 3 minutes looks warm, after 7 minutes cold.
report::IdleThreshold edge_threshold() {
  report::IdleThreshold t;
  t.target = "edge";
  t.warm_n = 20;
  t.warm_p95_ms = 118.05;
  t.gaps = {{kMinute, 3, 0, 110, 60, false}, {3 * kMinute, 3, 0, 112, 180, false}, {7 * kMinute, 3, 1, 400, 420, true}};
  t.kind = report::ThresholdKind::between;
  t.warm_gap = 1;
  t.cold_gap = 2;
  t.text = "between 3m00s and 7m00s";
  return t;
}

report::Report priced_report() {
  std::vector<samples::Sample> samples;
  for (int i = 0; i < 20; ++i) samples.push_back(test::make_sample("edge", "warm", 100 + i));
  report::RunInfo run;
  run.targets = {"edge"};
  run.pricing["edge"].tokens = cost::TokenPrices{1'000'000, 2'000'000};
  return report::build_report(samples, run);
}

}  // namespace

TEST_CASE("the report shows the idle sweep and cost at a volume in every format") {
  report::Report model = priced_report();
  CHECK(exporters::export_terminal(report::ungrouped(model), false).find("scale-to-zero") == std::string::npos);
  model.idle_thresholds = {edge_threshold()};
  model.cost_at_scale =
      report::cost_at_scale(model.run.targets, model.run.pricing, model.costs, *cost::parse_volume("1M/month"));
  const std::string terminal = exporters::export_terminal(report::ungrouped(model), false);
  CHECK(terminal.find("target  warm p95    1m00s    3m00s                7m00s\n"
                      "edge         118  110 (3)  112 (3)  400 (3) cold +1 err\n") != std::string::npos);
  CHECK(terminal.find("edge scale-to-zero threshold: between 3m00s and 7m00s\n") != std::string::npos);
  CHECK(terminal.find("Cost at 1M/month") != std::string::npos);
  const std::string markdown = exporters::export_markdown(report::ungrouped(model));
  CHECK(markdown.find("## Time to first token after idle") != std::string::npos);
  const auto json = nlohmann::json::parse(exporters::export_summary_json(report::ungrouped(model)));
  CHECK(json["idle_sweep"][0]["threshold"] == "between");
  CHECK(json["idle_sweep"][0]["cold_gap_s"] == 420.0);
  // 100 in + 200 out tokens at $1/$2 per Mtok: $0.0005 a request, $500 a month.
  CHECK(json["cost_at_scale"]["monthly"][0]["net_usd"] == Approx(500));
}
