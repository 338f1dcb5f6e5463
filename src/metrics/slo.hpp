// Service-level objectives on request times (docs/metrics.md, "Goodput"): bounds keyed by metric
// name, which SLO each phase is judged by, and whether one request meets it. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "samples/sample.hpp"

namespace ttft::metrics {

/// One bound: the request's `metric` (a name from slo_metric_names()) is at most `limit_ns`.
struct SloBound {
  std::string metric;
  Nanos limit_ns = 0;

  bool operator==(const SloBound&) const = default;
};

/// An SLO: its bounds in the order written. A request meets it when it succeeded and every bound
/// holds.
struct Slo {
  std::vector<SloBound> bounds;

  bool operator==(const Slo&) const = default;
};

/// The SLO of each phase: the phase's own, else the one for every phase; neither = no SLO.
struct SloSpec {
  std::optional<Slo> every_phase;                     // a scenario's top-level "slo", or --slo
  std::vector<std::pair<std::string, Slo>> by_phase;  // phases' own "slo", in scenario order

  /// The SLO requests of `phase` are judged by, or nullptr.
  const Slo* for_phase(std::string_view phase) const;
  bool empty() const { return !every_phase && by_phase.empty(); }
  bool operator==(const SloSpec&) const = default;
};

/// The metrics an SLO may bound, in report order: the times from t0 among metric_definitions()
/// that a request has once (ttft, first_token, first_answer, e2e, ttfb).
std::vector<std::string> slo_metric_names();

/// nullopt when an SLO may bound `metric`; else what is wrong, naming the metrics that may be.
std::optional<std::string> check_slo_metric(std::string_view metric);

/// True when `sample` succeeded (no error) and each bound's metric was measured and is at most
/// its limit; a metric the request never reached misses its bound.
bool meets_slo(const Slo& slo, const samples::Sample& sample);

/// "ttft ≤ 200 ms, e2e ≤ 8 s": each bound's limit in ms below a second, else in s.
std::string slo_text(const Slo& slo);

}  // namespace ttft::metrics
