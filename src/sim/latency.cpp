// Lognormal latency draws, fault draws and the cold rule of the simulator. Pure functions.
#include "sim/latency.hpp"

#include <cmath>

namespace ttft::sim {

namespace {
double lognormal(double median, double sigma, Rng& rng) {
  if (sigma <= 0) return median;
  std::normal_distribution<double> normal(0.0, 1.0);
  return median * std::exp(sigma * normal(rng));
}
}  // namespace

double sample_latency_ms(const LatencyDist& dist, Rng& rng) {
  return lognormal(dist.median_ms, dist.sigma, rng);
}

double first_event_delay_ms(const Profile& profile, std::int64_t input_tokens, bool cold, Rng& rng) {
  const double prefill_ms = profile.prefill_ms_per_input_token * static_cast<double>(input_tokens);
  return profile.network_ms + prefill_ms + sample_latency_ms(cold ? profile.cold : profile.warm, rng);
}

double token_interval_ms(const Profile& profile, Rng& rng) {
  return lognormal(profile.token_interval_ms, profile.token_jitter_sigma, rng);
}

Fault draw_fault(const Faults& faults, Rng& rng) { return draw_failure(faults, {}, rng).fault; }

Failure draw_failure(const Faults& faults, const std::vector<std::pair<int, double>>& status_rates, Rng& rng) {
  double total = faults.total();
  for (const auto& [status, rate] : status_rates) total += rate;
  if (total <= 0) return {};  // no draw, so failure-free profiles keep the same sequence
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  double edge = 0;
  for (const FaultInfo& info : fault_table()) {
    edge += faults[info.fault];
    if (u < edge) return {info.fault, std::nullopt};
  }
  for (const auto& [status, rate] : status_rates) {
    edge += rate;
    if (u < edge) return {Fault::kNone, status};
  }
  return {};
}

bool is_cold(const Profile& profile, bool requests_in_flight, bool served_any, Nanos idle_ns) {
  const double threshold_s = profile.scale_to_zero_after_s * profile.time_scale;
  if (threshold_s <= 0 || requests_in_flight) return false;
  if (!served_any) return true;
  return static_cast<double>(idle_ns) > threshold_s * static_cast<double>(kNanosPerSecond);
}

}  // namespace ttft::sim
