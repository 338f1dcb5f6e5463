// The simulator's random model as pure functions of a seeded generator: first-event delays,
// decode intervals, fault draws and the cold/warm rule. No clock, no I/O, so tests check the math.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "sim/profile.hpp"

namespace ttft::sim {

using Rng = std::mt19937_64;

/// One lognormal draw in ms: median_ms · exp(sigma · z), z ~ N(0, 1); sigma 0 → median_ms.
double sample_latency_ms(const LatencyDist& dist, Rng& rng);

/// Delay from request receipt to the first event, in ms:
/// network_ms + prefill_ms_per_input_token · input_tokens + sample(cold ? cold : warm).
double first_event_delay_ms(const Profile& profile, std::int64_t input_tokens, bool cold, Rng& rng);

/// One decode interval in ms: token_interval_ms · exp(token_jitter_sigma · z) (median-preserving).
double token_interval_ms(const Profile& profile, Rng& rng);

/// Picks a fault from the profile's per-request probabilities with one uniform draw (in
/// fault_table() order), or none.
Fault draw_fault(const Faults& faults, Rng& rng);

/// What a request was drawn to suffer: a fault, an HTTP error status, or neither.
struct Failure {
  Fault fault = Fault::kNone;
  std::optional<int> status;
};

/// Picks a fault or an error status with one uniform draw: the faults in fault_table() order,
/// then `status_rates` in their order; none with the remaining probability. No draw when every
/// rate is 0, so profiles without failures keep the same random sequence.
Failure draw_failure(const Faults& faults, const std::vector<std::pair<int, double>>& status_rates, Rng& rng);

/// The scale-to-zero rule. Cold when the threshold (scale_to_zero_after_s · time_scale) is positive,
/// nothing is in flight, and the server has been idle longer than the threshold. `idle_ns` is the time
/// since the last request ended, or since the server started when none has been served: a freshly
/// started simulated deployment has no warm instance, so its first request is cold.
bool is_cold(const Profile& profile, bool requests_in_flight, bool served_any, Nanos idle_ns);

}  // namespace ttft::sim
