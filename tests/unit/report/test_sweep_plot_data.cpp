// The sweep and turn plots' data from hand-filled report figures: series per target in colour
// order, the log axis rule, fitted lines through a + b·x, and where crossovers and saturation sit.
#include <catch2/catch.hpp>

#include <string>

#include "report/sweep_plot_data.hpp"

using namespace ttft;
using report::SweepPoint;

namespace {

SweepPoint at(double value, std::optional<double> p50, std::optional<double> rps) {
  SweepPoint p;
  p.value = value;
  p.ttft_p50_ms = p50;
  p.ttft_p95_ms = p50 ? std::optional<double>(*p50 * 2) : std::nullopt;
  p.requests_per_s = rps;
  return p;
}

report::Report with_sweeps() {
  report::Report r;
  r.run.targets = {"edge", "central"};
  report::SweepReport ramp{"ramp", "concurrency", {1, 2, 4}, {"central", "edge"}, {}, {}, {}, {}};
  ramp.points = {{at(1, 200, 5), at(2, 210, 9), at(4, std::nullopt, std::nullopt)},
                 {at(1, 100, 10), at(2, 120, 19), at(4, 150, 20)}};
  ramp.saturation = {{"central", std::nullopt, "throughput", false, ""}, {"edge", 2.0, "throughput", true, ""}};
  report::SweepReport length{"length", "input_tokens", {128, 4096}, {"edge", "central"}, {}, {}, {}, {}};
  length.points = {{at(128, 110, 3), at(4096, 400, 2)}, {at(128, 150, 3), at(4096, 300, 2)}};
  report::LinearFit edge_fit{40, 100, 75, std::nullopt, std::nullopt, 100, 4200};
  report::LinearFit central_fit{40, 140, 40, std::nullopt, std::nullopt, 100, 4200};
  length.fits = {edge_fit, central_fit};
  // 100 + 75x/1000 = 140 + 40x/1000 at x = 40 / 0.035
  length.crossovers = {{"edge", "central", 40 / 0.035, "edge is faster below 1,143 input tokens, central above"}};
  r.sweeps = {ramp, length};
  return r;
}

}  // namespace

TEST_CASE("sweep plot data: TTFT and throughput series per target") {
  const auto data = report::build_sweep_plot_data(with_sweeps());
  REQUIRE(data.size() == 2);
  const auto& ramp = data[0];
  CHECK(ramp.phase == "ramp");
  CHECK(ramp.parameter == "concurrency");
  CHECK_FALSE(ramp.log_x);  // 1 to 4
  REQUIRE(ramp.ttft_p50.size() == 2);
  CHECK(ramp.ttft_p50[0].target == "central");
  CHECK(ramp.ttft_p50[0].target_index == 1);  // the colour of its place in run.targets
  REQUIRE(ramp.ttft_p50[0].points.size() == 2);  // no value at 4
  CHECK(ramp.ttft_p50[0].points[1].x == 2);
  CHECK(ramp.ttft_p50[0].points[1].y == 210);
  CHECK(ramp.ttft_p95[1].points[2].y == 300);
  REQUIRE(ramp.throughput.size() == 2);
  CHECK(ramp.throughput[1].points[1].y == 19);
  REQUIRE(ramp.saturation.size() == 1);  // central has none
  CHECK(ramp.saturation[0].target == "edge");
  CHECK(ramp.saturation[0].at.x == 2);
  CHECK(ramp.saturation[0].at.y == 19);
  CHECK(ramp.fits.empty());
  CHECK(ramp.throughput_missing.empty());
}

TEST_CASE("sweep plot data: input_tokens sweeps get fitted lines and crossovers, no throughput") {
  const auto data = report::build_sweep_plot_data(with_sweeps());
  const auto& length = data[1];
  CHECK(length.log_x);  // 128 to 4096
  CHECK(length.throughput.empty());
  CHECK(length.saturation.empty());
  REQUIRE(length.fits.size() == 2);
  const auto& line = length.fits[0].points;
  REQUIRE(line.size() == report::kFitPoints);
  CHECK(line.front().x == Approx(100));
  CHECK(line.front().y == Approx(107.5));
  CHECK(line.back().x == Approx(4200));
  CHECK(line.back().y == Approx(415));
  CHECK(line[12].x == Approx(std::sqrt(100.0 * 4200)));  // evenly spaced on the log axis
  REQUIRE(length.crossovers.size() == 1);
  CHECK(length.crossovers[0].at.x == Approx(1142.857).epsilon(1e-4));
  CHECK(length.crossovers[0].at.y == Approx(140 + 40 * 1.142857).epsilon(1e-4));
}

TEST_CASE("sweep plot data: nothing measured says so, and no sweeps or turns means no data") {
  report::Report r = with_sweeps();
  for (auto& points : r.sweeps[0].points) {
    for (auto& p : points) p = at(p.value, std::nullopt, std::nullopt);
  }
  const auto data = report::build_sweep_plot_data(r);
  CHECK(data[0].ttft_missing == "No target had a successful request in this sweep.");
  CHECK(data[0].throughput_missing == "No throughput was measured in this sweep.");
  CHECK(report::build_sweep_plot_data(report::Report{}).empty());
  CHECK_FALSE(report::build_turn_plot_data(report::Report{}));
}

TEST_CASE("sweep plot data: TTFT by turn per target in turn order") {
  report::Report r;
  r.run.targets = {"edge", "central"};
  r.turns = {{"central", 2, 5, 0, 180.0, 200.0}, {"central", 1, 5, 0, 300.0, 350.0},
             {"edge", 1, 5, 0, 250.0, 260.0}, {"edge", 2, 5, 5, std::nullopt, std::nullopt}};
  const auto data = report::build_turn_plot_data(r);
  REQUIRE(data);
  REQUIRE(data->ttft_p50.size() == 2);
  CHECK(data->ttft_p50[0].target == "central");
  CHECK(data->ttft_p50[0].target_index == 1);
  REQUIRE(data->ttft_p50[0].points.size() == 2);
  CHECK(data->ttft_p50[0].points[0].x == 1);
  CHECK(data->ttft_p50[0].points[0].y == 300);
  CHECK(data->ttft_p50[1].points.size() == 1);
  CHECK(data->missing.empty());
}
