// The scale-to-zero estimate from an idle sweep, on samples whose answer is known by hand
// (docs/metrics.md ("Idle threshold")).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "report/idle_threshold.hpp"
#include "support/sample_factory.hpp"

using namespace ttft::report;
using ttft::Nanos;
using ttft::test::make_sample;

namespace {

constexpr Nanos kMinute = 60'000'000'000;
constexpr double kTimeScale = 0.01;

// Warm TTFTs 100..119 ms: type-7 p95 = 118 + 0.05 × (119 − 118) = 118.05 ms.
void add_warm(IdleSweepCollector& sweep) {
  for (int i = 0; i < 20; ++i) {
    auto s = make_sample("edge", "warm", 100 + i);
    s.run_id = "r";
    sweep.add(s);
  }
}

// A cold sample after `minutes` of scenario idle time, measured at time_scale 0.01 (+2% lateness).
ttft::samples::Sample cold_after(double minutes, double ttft_ms, const std::string& error = {}) {
  auto s = make_sample("edge", "cold", ttft_ms, error);
  s.run_id = "r";
  s.idle_before_s = minutes * 60 * kTimeScale * 1.02;
  return s;
}

IdleSweepSetup sweep_setup() { return {{kMinute, 3 * kMinute, 7 * kMinute, 15 * kMinute}, {{"r", kTimeScale}}}; }

IdleThreshold analyze_one(const std::vector<std::pair<double, double>>& cold) {
  IdleSweepCollector sweep;
  add_warm(sweep);
  for (const auto& [minutes, ttft_ms] : cold) sweep.add(cold_after(minutes, ttft_ms));
  const auto thresholds = sweep.analyze({"edge", "central"}, sweep_setup());
  REQUIRE(thresholds.size() == 1);  // central has no cold samples
  return thresholds.front();
}

}  // namespace

TEST_CASE("the threshold lies between the last warm-looking gap and the first cold-looking one") {
  // 1m and 3m stay under the warm p95 (118.05 ms); 7m and 15m are far above it.
  const IdleThreshold t = analyze_one({{1, 110}, {3, 112}, {7, 400}, {15, 420}});
  CHECK(*t.warm_p95_ms == Approx(118.05));
  CHECK(t.kind == ThresholdKind::between);
  REQUIRE(t.warm_gap.has_value());
  REQUIRE(t.cold_gap.has_value());
  CHECK(t.gaps[*t.warm_gap].gap_ns == 3 * kMinute);
  CHECK(t.gaps[*t.cold_gap].gap_ns == 7 * kMinute);
  CHECK(t.gaps[*t.cold_gap].n == 1);
  CHECK(*t.gaps[*t.cold_gap].ttft_p50_ms == Approx(400));
  CHECK(*t.gaps[*t.cold_gap].idle_p50_s == Approx(7 * 60 * 1.02));  // scaled back to scenario time
  CHECK(t.disagreeing == 0);
  CHECK(t.text.find("between 3m") == 0);
  CHECK(t.text.find("looks cold: n 1, p50 400 ms") != std::string::npos);
}

TEST_CASE("cold at every gap, warm at every gap, and a gap that disagrees") {
  CHECK(analyze_one({{1, 300}, {3, 310}, {7, 400}, {15, 420}}).kind == ThresholdKind::cold_at_every_gap);
  const IdleThreshold warm = analyze_one({{1, 101}, {3, 102}, {7, 103}, {15, 104}});
  CHECK(warm.kind == ThresholdKind::warm_at_every_gap);
  CHECK(warm.text.find("no cold starts told apart from warm variation up to 15m") == 0);
  // A warm-looking 7m gap among cold ones: two splits misplace one gap each; the earlier wins.
  const IdleThreshold noisy = analyze_one({{1, 110}, {3, 300}, {7, 115}, {15, 420}});
  REQUIRE(noisy.kind == ThresholdKind::between);
  CHECK(noisy.gaps[*noisy.warm_gap].gap_ns == kMinute);
  CHECK(noisy.gaps[*noisy.cold_gap].gap_ns == 3 * kMinute);
  CHECK(noisy.disagreeing == 1);
  CHECK(noisy.text.find("1 gap(s) disagree") != std::string::npos);
}

TEST_CASE("idle times are scaled back by the run's time_scale before matching gaps") {
  IdleSweepCollector sweep;
  add_warm(sweep);
  for (const double minutes : {1.0, 3.0, 7.0, 15.0}) sweep.add(cold_after(minutes, 400));
  IdleSweepSetup unscaled = sweep_setup();
  unscaled.time_scale_by_run.clear();  // read as real seconds, every idle time is under 1m
  const auto thresholds = sweep.analyze({"edge"}, unscaled);
  REQUIRE(thresholds.size() == 1);
  CHECK(thresholds.front().gaps.front().n == 4);
}

TEST_CASE("failed cold samples and ones without a measured idle time are counted, not used") {
  IdleSweepCollector sweep;
  add_warm(sweep);
  sweep.add(cold_after(1, 110));
  sweep.add(cold_after(15, 0, "http_5xx"));
  auto first = make_sample("edge", "cold", 500);
  first.run_id = "r";  // no idle_before_s: the target's first request of the run
  sweep.add(first);
  const auto t = sweep.analyze({"edge"}, sweep_setup()).front();
  CHECK(t.unknown_idle == 1);
  CHECK(t.gaps.back().errors == 1);
  CHECK(t.gaps.back().n == 0);
  CHECK(t.kind == ThresholdKind::warm_at_every_gap);  // only the 1m gap has a success
  CHECK(sweep.analyze({"edge"}, {{kMinute}, {}}).empty());  // one gap is not a sweep
}
