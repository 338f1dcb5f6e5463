// Workload figures beside the latency tables (docs/metrics.md ("Sweeps"), ("Conversations")): per
// sweep, each target's figures at each value with throughput, the TTFT-against-prompt-length fit
// and crossovers (input_tokens sweeps) or the saturation point (concurrency and rate sweeps); per
// conversation turn, TTFT. Computed once here; exporters only format them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/bootstrap.hpp"

namespace ttft::report {

/// One target at one value of a sweep.
struct SweepPoint {
  double value = 0;
  std::string phase;                          // "<name>@<value>", as samples.csv's phase column
  std::size_t requests = 0, errors = 0;
  std::optional<double> ttft_p50_ms, ttft_p95_ms;          // successful rows
  std::optional<double> headline_p50_ms, headline_p95_ms;  // the run's headline metric
  std::optional<double> goodput;              // share meeting the phase's SLO; nullopt without one
  // Over the target's wall time at this value: its first start to its last end.
  std::optional<double> wall_s;
  std::optional<double> requests_per_s;       // successful requests / wall_s
  std::optional<double> output_tokens_per_s;  // their output tokens / wall_s
};

/// TTFT = a + b × input tokens, least squares over a target's successful rows of an input_tokens
/// sweep (x: the provider's input_tokens, else input_tokens_requested).
struct LinearFit {
  std::size_t n = 0;
  double intercept_ms = 0;                  // a
  double slope_ms_per_1k = 0;               // b, in ms per 1,000 input tokens
  std::optional<stats::Interval> intercept_ci, slope_ci;  // 95%, Student's t with n − 2 degrees
  double x_min = 0, x_max = 0;              // the measured input tokens
};

/// Where two targets' fitted lines cross (a before b in file order).
struct Crossover {
  std::string target_a, target_b;
  std::optional<double> input_tokens;  // set only when the crossing lies within both measured ranges
  std::string text;  // "edge is faster below 2,150 input tokens, central above" / "... do not cross ..."
};

/// The load a target still handles (concurrency and rate sweeps).
struct Saturation {
  std::string target;
  std::optional<double> value;  // nullopt: no value qualifies (say so)
  std::string basis;            // "slo": the highest value meeting the SLO; "throughput": where it stops growing ≥ 10%
  // A higher measured value missed the SLO or stopped growing. False when every value met it or
  // kept growing: `value` is then the last one measured, a lower bound, and the text says so.
  bool reached = false;
  std::string text;
};

struct SweepReport {
  std::string phase;      // the phase as written (without "@value")
  std::string parameter;  // "concurrency", "rate" or "input_tokens"
  std::vector<double> values;
  std::vector<std::string> targets;              // file order
  std::vector<std::vector<SweepPoint>> points;   // [target][value], in `values` order
  std::vector<std::optional<LinearFit>> fits;    // [target]; input_tokens sweeps only (else empty)
  std::vector<Crossover> crossovers;             // each pair; input_tokens sweeps only
  std::vector<Saturation> saturation;            // [target]; concurrency and rate sweeps only
};

/// One embeddings target in one phase, or in all of them (docs/metrics.md ("Embeddings")).
struct EmbeddingsRow {
  std::string target, phase;
  std::size_t requests = 0, errors = 0;
  std::optional<double> e2e_p50_ms, e2e_p95_ms, ttfb_p50_ms;  // successful requests
  std::optional<std::int64_t> dimensions;
  std::int64_t vectors = 0;                       // embedded inputs, successful requests
  std::optional<double> inputs_per_s;             // vectors / the wall time of the successful requests
  std::optional<double> usd_per_m_input_tokens;   // priced requests' cost / their input tokens
  std::optional<double> usd_per_1k_requests;      // priced requests' mean cost × 1,000
  std::optional<double> free_requests_per_day;    // Workers AI: free neurons a day / neurons per request
};

/// TTFT of one conversation turn on one target (workload.conversation).
struct TurnRow {
  std::string target;
  std::int64_t turn = 1;
  std::size_t requests = 0, errors = 0;
  std::optional<double> ttft_p50_ms, ttft_p95_ms;
};

}  // namespace ttft::report
