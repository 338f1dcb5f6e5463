// The client's own lateness over a run, as manifest.json records it under "client_lateness": the
// one writer and the one reader of that record (docs/results.md ("manifest.json")).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace ttft::results {

/// In ms; nullopt = not measured.
struct LatenessSummary {
  std::optional<double> send_lag_p50_ms, send_lag_p99_ms, send_lag_max_ms;  // actual minus intended start
  std::optional<double> wake_p50_ms, wake_p99_ms, wake_max_ms;              // timer wake-up lateness
  std::optional<double> busy_p99_ms, busy_max_ms;                           // reads waiting behind other work
};

/// {"send_lag_p50_ms": …, …, "busy_max_ms": …}, null for what was not measured.
nlohmann::ordered_json lateness_to_json(const LatenessSummary& lateness);

/// Each figure the larger of `a`'s and `b`'s (a measured figure beats an unmeasured one): the bound
/// merged runs report, since percentiles of separate runs cannot be merged exactly.
LatenessSummary worst_of(const LatenessSummary& a, const LatenessSummary& b);

/// The record back; a key that is missing or not a number reads as not measured.
LatenessSummary lateness_from_json(const nlohmann::ordered_json& record);

}  // namespace ttft::results
