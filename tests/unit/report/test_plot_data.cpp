// The HTML report's plot data: CDF points, thinning with its stride, per-region percentiles, the
// cost curve's break-even point, and the sentence that replaces a plot with nothing to show.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "report/plot_data.hpp"
#include "report/plot_samples.hpp"
#include "stats/percentile.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

report::RunInfo run_of(std::vector<std::string> targets) {
  report::RunInfo run;
  run.targets = std::move(targets);
  run.phases = {"cold", "warm"};
  return run;
}

report::HtmlPlotData plot_data(const std::vector<samples::Sample>& samples, const report::RunInfo& run) {
  const report::Report model = report::build_report(samples, run);
  return report::build_plot_data(report::plot_samples_of(samples), model);
}

// "2026-01-01T00:00:SS.mmmZ" for a start `ms` after midnight (ms < 60 s).
std::string started_at(int ms) { return fmt::format("2026-01-01T00:00:{:02}.{:03}Z", ms / 1000, ms % 1000); }

}  // namespace

TEST_CASE("a CDF has a point per successful sample with the fraction at or below it") {
  std::vector<samples::Sample> s;
  for (const double v : {400.0, 100.0, 300.0, 200.0}) s.push_back(test::make_sample("edge", "cold", v));
  s.push_back(test::make_sample("edge", "cold", 5, "http_5xx"));  // failures never enter the CDF
  const auto data = plot_data(s, run_of({"edge"}));
  REQUIRE(data.ttft_cdf.series.size() == 1);
  const auto& series = data.ttft_cdf.series[0];
  CHECK(series.target == "edge");
  CHECK(series.phase == "cold");
  CHECK(series.total == 4);
  REQUIRE(series.points.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(series.points[i].x == Approx(100.0 * static_cast<double>(i + 1)));
    CHECK(series.points[i].y == Approx(0.25 * static_cast<double>(i + 1)));
  }
  CHECK(data.ttft_cdf.missing.empty());
}

TEST_CASE("a long CDF keeps evenly spaced order statistics, the minimum and maximum included") {
  std::vector<samples::Sample> s;
  const std::size_t n = 3 * report::kMaxCdfPoints + 7;
  for (std::size_t i = 0; i < n; ++i) s.push_back(test::make_sample("edge", "warm", 1000.0 - static_cast<double>(i)));
  const auto data = plot_data(s, run_of({"edge"}));
  const auto& points = data.ttft_cdf.series.at(0).points;
  REQUIRE(points.size() == report::kMaxCdfPoints);
  CHECK(points.front().x == Approx(1000.0 - static_cast<double>(n - 1)));
  CHECK(points.front().y == Approx(1.0 / static_cast<double>(n)));
  CHECK(points.back().x == Approx(1000));
  CHECK(points.back().y == Approx(1));
  for (std::size_t i = 1; i < points.size(); ++i) CHECK(points[i].x > points[i - 1].x);
}

TEST_CASE("scatter series beyond the cap keep every k-th sample and say which k") {
  std::vector<samples::Sample> s;
  const std::size_t n = 2 * report::kMaxScatterPoints + 500;  // stride 3
  for (std::size_t i = 0; i < n; ++i) {
    auto sample = test::make_sample("edge", "warm", 100 + static_cast<double>(i % 50));
    sample.started_at = started_at(static_cast<int>(i));
    s.push_back(sample);
  }
  s.push_back(test::make_sample("edge", "warm", 1, "timeout_total"));
  s.back().started_at = started_at(static_cast<int>(n));
  const auto data = plot_data(s, run_of({"edge"}));
  REQUIRE(data.ttft_over_time.series.size() == 1);
  const auto& series = data.ttft_over_time.series[0];
  CHECK(series.total == n);
  CHECK(series.stride == 3);
  CHECK(series.points.size() == (n + 2) / 3);
  CHECK(series.points.size() <= report::kMaxScatterPoints);
  CHECK(series.points[1].x == Approx(0.003));  // seconds since the first start, every third
  REQUIRE(data.ttft_over_time.errors.size() == 1);
  CHECK(data.ttft_over_time.errors[0].points.at(0).x == Approx(static_cast<double>(n) / 1000));
}

TEST_CASE("plots with nothing to show carry a sentence instead") {
  std::vector<samples::Sample> s{test::make_sample("edge", "cold", 100), test::make_sample("edge", "cold", 120)};
  s[0].idle_before_s = 5;
  s[1].idle_before_s = 6;  // no spread of idle times
  const auto data = plot_data(s, run_of({"edge"}));
  CHECK(data.ttft_vs_idle.missing.find("same idle time") != std::string::npos);
  CHECK(data.ttft_vs_idle.series.empty());
  CHECK(data.region_percentiles.missing.find("region") != std::string::npos);
  CHECK(data.cost_per_mtok.missing.find("pricing") != std::string::npos);
  CHECK(data.cost_curve.missing.find("pricing") != std::string::npos);
  CHECK(data.first_token_vs_event.missing.find("first token") != std::string::npos);
  CHECK(data.ttft_over_time.missing.find("started") != std::string::npos);
  CHECK(data.ttft_cdf.missing.empty());

  s[1].idle_before_s = 1800;
  CHECK(plot_data(s, run_of({"edge"})).ttft_vs_idle.missing.empty());
}

TEST_CASE("idle times are plotted in scenario time: a compressed run's are divided by its time_scale") {
  std::vector<samples::Sample> s{test::make_sample("edge", "cold", 100), test::make_sample("edge", "cold", 400)};
  s[0].run_id = "demo-1";
  s[1].run_id = "plain-2";
  s[0].idle_before_s = 0.09;  // 1 minute at time_scale 0.0015
  s[1].idle_before_s = 1800;  // a real 30 minutes
  auto run = run_of({"edge"});
  run.time_scale_by_run["demo-1"] = 0.0015;
  const auto data = plot_data(s, run);
  REQUIRE(data.ttft_vs_idle.series.size() == 1);
  const auto& points = data.ttft_vs_idle.series[0].points;
  REQUIRE(points.size() == 2);
  CHECK(points[0].x == Approx(60));
  CHECK(points[1].x == Approx(1800));
}

TEST_CASE("per-region bars hold each region's p50 and p95 per target") {
  std::vector<samples::Sample> s;
  std::vector<double> fra, iad;
  for (int i = 0; i < 30; ++i) {
    s.push_back(test::make_sample("edge", "warm", 100 + i));
    s.back().region = "fra";
    fra.push_back(100 + i);
    s.push_back(test::make_sample("edge", "warm", 300 + 2 * i));
    s.back().region = "iad";
    iad.push_back(300 + 2 * i);
  }
  const auto data = plot_data(s, run_of({"edge"}));
  REQUIRE(data.region_percentiles.missing.empty());
  CHECK(data.region_percentiles.regions == std::vector<std::string>{"fra", "iad"});
  CHECK(data.region_percentiles.p50_ms.at(0).at(0) == stats::percentile(fra, 50));
  CHECK(data.region_percentiles.p95_ms.at(0).at(1) == stats::percentile(iad, 95));
}

TEST_CASE("the cost curve marks where two targets' requests cost the same") {
  report::RunInfo run = run_of({"a", "b"});
  run.pricing["a"].tokens = cost::TokenPrices{1'000'000, 0};  // $1 per Mtok input, output free
  run.pricing["b"].tokens = cost::TokenPrices{0, 2'000'000};  // $2 per Mtok output, input free
  const std::vector<samples::Sample> s{test::make_sample("a", "warm", 100), test::make_sample("b", "warm", 100)};
  const auto data = plot_data(s, run);
  REQUIRE(data.cost_curve.series.size() == 2);
  REQUIRE(data.cost_curve.marks.size() == 1);
  const auto& mark = data.cost_curve.marks[0];
  CHECK(mark.input_per_output == Approx(2));  // r * 1 = 2: equal at two input tokens per output token
  const double k = data.cost_curve.output_tokens;
  CHECK(mark.usd_per_1k_requests == Approx(2 * k * 1e-6 * 1000));
  // Both curves pass through the mark; b's is flat.
  const auto& b = data.cost_curve.series[1].points;
  CHECK(b.front().y == Approx(mark.usd_per_1k_requests));
  CHECK(b.back().y == Approx(mark.usd_per_1k_requests));
  CHECK(data.cost_curve.series[0].points.back().x > mark.input_per_output);  // the axis reaches past it
  REQUIRE(data.cost_per_mtok.targets.size() == 2);
  CHECK(data.cost_per_mtok.usd_per_mtok[0][0] == Approx(1));
  CHECK(data.cost_per_mtok.usd_per_mtok[1][1] == Approx(2));
}

TEST_CASE("started_at parses as UTC milliseconds, anything else does not") {
  CHECK(report::utc_ms_of("1970-01-01T00:00:01.500Z") == 1500);
  CHECK(report::utc_ms_of("2000-03-01T00:00:00Z") == 951868800000);  // after a leap day
  CHECK(report::utc_ms_of("2026-11-21T19:53:07.042Z") == 1795290787042);
  CHECK_FALSE(report::utc_ms_of(""));
  CHECK_FALSE(report::utc_ms_of("2026-11-21 19:53:07Z"));
  CHECK_FALSE(report::utc_ms_of("2026-13-21T19:53:07Z"));
  CHECK_FALSE(report::utc_ms_of("2026-11-21T19:53:07.04Z"));
}
