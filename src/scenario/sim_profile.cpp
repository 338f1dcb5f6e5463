// The built-in simulator profiles. Their JSON form is read in sim_profile_reader.cpp.
#include "scenario/sim_profile.hpp"

#include <fmt/format.h>

namespace ttft::scenario {
namespace {

// The built-in shapes are calibrated for a short chat prompt of about 40 input tokens (160
// characters), for which network + prefill adds ~10 ms (edge) or ~36 ms (central) to the
// lognormal. Each sigma solves constant + median · exp(1.645 σ) = published p95.
SimProfile edge_profile() {
  SimProfile p;
  p.name = "edge";
  p.network_ms = 8;
  p.prefill_ms_per_input_token = 0.05;
  p.warm = {170, 0.365};  // 10 + 170 → p50 180; 10 + 170 · e^(1.645·0.365) → p95 ≈ 320
  p.cold = {400, 0.465};  // p50 410, p95 ≈ 870
  p.scale_to_zero_after_s = 300;
  p.token_interval_ms = 15;
  p.token_jitter_sigma = 0.2;
  p.wrong_answer_rate = 0.15;  // a smaller model at the edge: faster, less often right
  return p;
}

SimProfile central_profile() {
  SimProfile p;
  p.name = "central";
  p.network_ms = 35;
  p.prefill_ms_per_input_token = 0.025;
  p.warm = {204, 0.629};  // 36 + 204 → p50 240; p95 ≈ 610
  p.cold = {254, 0.4165};  // p50 290, p95 ≈ 540 (a warm pool, but reclaimed after long idle)
  p.scale_to_zero_after_s = 600;
  p.token_interval_ms = 12;
  p.token_jitter_sigma = 0.15;
  p.wrong_answer_rate = 0.03;
  return p;
}

SimProfile fast_profile() {
  SimProfile p;
  p.name = "fast";
  p.warm = {50, 0};
  p.cold = {50, 0};
  p.token_interval_ms = 10;
  p.output_tokens = 16;
  return p;
}

}  // namespace

double Faults::total() const {
  double sum = 0;
  for (const double rate : rates) sum += rate;
  return sum;
}

Result<SimProfile> builtin_profile(std::string_view name) {
  if (name == "edge") return edge_profile();
  if (name == "central") return central_profile();
  if (name == "fast") return fast_profile();
  return fail("", fmt::format("unknown simulator profile \"{}\"", name),
              "built-in profiles: edge, central, fast");
}

}  // namespace ttft::scenario
