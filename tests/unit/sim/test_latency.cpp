// The simulator's random model and request plans, as pure functions of a fixed seed (no sockets).
#include <algorithm>
#include <cmath>
#include <map>

#include <catch2/catch.hpp>

#include "sim/latency.hpp"
#include "sim/plan.hpp"

using ttft::kNanosPerMs;
using ttft::sim::builtin_profile;
using ttft::sim::Rng;

namespace {

// Hyndman–Fan type 7 (linear interpolation), as the report computes percentiles.
double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

struct Shape {
  double p50, p95;
};

// 2000 first-event delays for a short chat prompt (40 input tokens), the built-ins' calibration.
Shape shape(const char* profile_name, bool cold) {
  const auto profile = builtin_profile(profile_name).value();
  Rng rng(42);
  std::vector<double> draws;
  for (int i = 0; i < 2000; ++i) draws.push_back(ttft::sim::first_event_delay_ms(profile, 40, cold, rng));
  return {percentile(draws, 0.5), percentile(draws, 0.95)};
}

}  // namespace

TEST_CASE("sim built-in profiles reproduce the published first-event shape") {
  struct Case {
    const char* profile;
    bool cold;
    double p50, p95;
  };
  for (const Case& c : {Case{"edge", false, 180, 320}, Case{"edge", true, 410, 870},
                        Case{"central", false, 240, 610}, Case{"central", true, 290, 540}}) {
    INFO(c.profile << (c.cold ? " cold" : " warm"));
    const Shape s = shape(c.profile, c.cold);
    CHECK(s.p50 == Approx(c.p50).epsilon(0.10));
    CHECK(s.p95 == Approx(c.p95).epsilon(0.15));
  }
}

TEST_CASE("sim lognormal sampler: fixed at sigma 0, seeded, median-preserving") {
  Rng rng(1);
  CHECK(ttft::sim::sample_latency_ms({123, 0}, rng) == 123);
  Rng a(7), b(7);
  CHECK(ttft::sim::sample_latency_ms({100, 0.5}, a) == ttft::sim::sample_latency_ms({100, 0.5}, b));
  std::vector<double> draws;
  for (int i = 0; i < 4000; ++i) draws.push_back(ttft::sim::sample_latency_ms({100, 0.5}, rng));
  CHECK(percentile(draws, 0.5) == Approx(100).epsilon(0.05));
  CHECK(percentile(draws, 0.95) / percentile(draws, 0.5) == Approx(std::exp(1.645 * 0.5)).epsilon(0.1));
}

TEST_CASE("sim first-event delay adds network and prefill per input token") {
  auto profile = builtin_profile("fast").value();
  profile.network_ms = 7;
  profile.prefill_ms_per_input_token = 0.5;
  Rng rng(1);
  CHECK(ttft::sim::first_event_delay_ms(profile, 100, false, rng) == 7 + 50 + 50);
}

TEST_CASE("sim scale-to-zero rule") {
  using ttft::sim::is_cold;
  auto profile = builtin_profile("edge").value();  // 300 s
  const ttft::Nanos s = ttft::kNanosPerSecond;
  CHECK(is_cold(profile, false, false, 0));          // a fresh deployment starts cold
  CHECK_FALSE(is_cold(profile, false, true, 299 * s));
  CHECK(is_cold(profile, false, true, 301 * s));
  CHECK_FALSE(is_cold(profile, true, true, 301 * s));  // busy instances stay warm
  profile.time_scale = 0.01;                           // demo: 3 s
  CHECK(is_cold(profile, false, true, 4 * s));
  CHECK_FALSE(is_cold(builtin_profile("fast").value(), false, false, 1000 * s));
}

TEST_CASE("sim fault draws follow the profile's rates") {
  using ttft::sim::Fault;
  ttft::sim::Faults faults;
  faults[Fault::kHttp429] = 0.1;
  faults[Fault::kHttp500] = 0.2;
  faults[Fault::kReset] = 0.05;
  faults[Fault::kStall] = 0.05;
  faults[Fault::kGzip] = 0.05;  // the last row of the table is drawn too
  Rng rng(3);
  std::map<Fault, int> counts;
  for (int i = 0; i < 20000; ++i) ++counts[ttft::sim::draw_fault(faults, rng)];
  CHECK(counts[Fault::kHttp429] / 20000.0 == Approx(0.1).margin(0.01));
  CHECK(counts[Fault::kHttp500] / 20000.0 == Approx(0.2).margin(0.01));
  CHECK(counts[Fault::kReset] / 20000.0 == Approx(0.05).margin(0.01));
  CHECK(counts[Fault::kStall] / 20000.0 == Approx(0.05).margin(0.01));
  CHECK(counts[Fault::kGzip] / 20000.0 == Approx(0.05).margin(0.01));
  CHECK(counts[Fault::kNone] / 20000.0 == Approx(0.55).margin(0.015));
  CHECK(counts.size() == 6);  // nothing without a rate is ever drawn
}

TEST_CASE("sim plans: absolute slot offsets and cuts for mid-stream faults") {
  using ttft::sim::FrameKind;
  using ttft::sim::PlanInput;
  using ttft::sim::Protocol;
  const auto profile = builtin_profile("edge").value();
  Rng rng(5);
  PlanInput input;
  input.protocol = Protocol::kOpenAiChat;
  input.overrides.first_event_ms = 100;
  input.overrides.token_interval_ms = 20;
  input.overrides.tokens = 4;
  const auto plan = ttft::sim::make_stream_plan(input, profile, rng);
  REQUIRE(plan.frames.size() == 6);  // role, 4 tokens, tail
  for (std::size_t slot = 0; slot < plan.slot_offsets_ns.size(); ++slot) {
    CHECK(plan.slot_offsets_ns[slot] == static_cast<ttft::Nanos>(100 + 20 * slot) * kNanosPerMs);
  }
  CHECK(plan.frames.back().slot == 4);  // the tail goes with the last token

  input.fault = ttft::sim::Fault::kTruncate;
  const auto truncated = ttft::sim::make_stream_plan(input, profile, rng);
  REQUIRE(truncated.frames.size() == 3);  // role + 2 of 4 tokens
  CHECK(truncated.frames.back().kind == FrameKind::kContent);
  CHECK(truncated.close_abruptly);
  CHECK_FALSE(truncated.reset);
  CHECK(truncated.close_slot == 3);

  input.protocol = Protocol::kWorkersAi;
  input.fault = ttft::sim::Fault::kStreamError;
  const auto errored = ttft::sim::make_stream_plan(input, profile, rng);
  REQUIRE(errored.frames.size() == 3);  // 2 tokens + the error event at slot 2
  CHECK(errored.frames.back().slot == 2);
  CHECK(errored.frames.back().bytes.find(R"({"error":)") != std::string::npos);

  input.fault = ttft::sim::Fault::kStall;
  input.overrides.stall_ms = 1e6;
  const auto stalled = ttft::sim::make_stream_plan(input, profile, rng);
  CHECK(stalled.frames.empty());
  CHECK(stalled.slot_offsets_ns == std::vector<ttft::Nanos>{ttft::sim::kMaxStallNs});
}

TEST_CASE("sim input tokens are ceil(chars / 4)") {
  CHECK(ttft::sim::input_tokens_for_chars(0) == 0);
  CHECK(ttft::sim::input_tokens_for_chars(1) == 1);
  CHECK(ttft::sim::input_tokens_for_chars(4) == 1);
  CHECK(ttft::sim::input_tokens_for_chars(5) == 2);
}
