// A CI gate (docs/commands.md ("Assertions")) as plain data: `TARGET.PHASE.METRIC.STAT OP VALUE`,
// `TARGET.PHASE.{n,errors,...} OP VALUE`, `TARGET.SWEEP.{saturation,slope,intercept} OP VALUE` or
// `TARGET.cost.FIELD OP VALUE`, checked by the parser, the threshold in the unit the report measures in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttft::gate {

inline constexpr const char* kWildcard = "*";

enum class Op { less, less_equal, greater, greater_equal, equal, not_equal };

enum class Stat {
  mean, stdev, min, p50, p95, p99, max, n, errors, error_rate,
  p50_incl_errors, p95_incl_errors, p99_incl_errors,  // each failure ranked slower than any success
  goodput,  // of a phase: the share of its requests that met the SLO
  accuracy,  // of a phase: the share of its graded answers that were right
  throughput, output_tps,       // of one sweep value (PHASE = "<sweep>@<value>"): requests/s, output tokens/s
  saturation, slope, intercept,  // of a whole sweep (docs/metrics.md ("Sweeps"))
};

enum class CostField { input_usd_per_mtok, output_usd_per_mtok, blended_usd_per_mtok, usd_per_1k_requests };

/// What the left-hand side names.
enum class Subject {
  metric_stat,  // TARGET.PHASE.METRIC.STAT
  phase_stat,   // TARGET.PHASE.{n,errors,error_rate,goodput,accuracy,throughput,output_tps}: the phase's requests
  sweep_stat,   // TARGET.SWEEP.{saturation,slope,intercept}: SWEEP is a sweep phase as written ("ramp")
  cost,         // TARGET.cost.FIELD
};

struct Assertion {
  std::string text;    // as given on the command line
  Subject subject = Subject::metric_stat;
  std::string target;  // a name or kWildcard
  std::string phase;   // a name ("ramp@4" too), kWildcard, or "all"; the sweep's name for sweep_stat; empty for cost
  std::string metric;  // a metrics::metric_definitions() name; empty unless metric_stat
  Stat stat = Stat::p50;
  CostField cost_field = CostField::blended_usd_per_mtok;
  Op op = Op::less;
  // The threshold in the measured quantity's unit: the metric's unit (ms from "s" too), a
  // fraction for error_rate ("1%" → 0.01), goodput and accuracy ("95%" or 0.95), USD for cost fields, a
  // count for n and errors; ms for intercept and for slope (per 1,000 input tokens); the swept
  // value for saturation; per second for throughput (requests) and output_tps (tokens).
  double threshold = 0;
  std::string value_text;  // the value as written, without inner spaces: "400ms", "1%", "0.5"
  std::size_t target_column = 1, phase_column = 1;  // 1-based, for errors about the names
};

std::string_view op_text(Op op);
std::string_view stat_name(Stat stat);
std::string_view cost_field_name(CostField field);

/// The left-hand side for a concrete target and phase: "edge.warm.ttft.p95", "edge.cost.blended_usd_per_mtok".
std::string path_for(const Assertion& assertion, const std::string& target, const std::string& phase);

/// `PATH OP VALUE` with single spaces: "edge.warm.ttft.p95 < 400ms".
std::string expression_for(const Assertion& assertion, const std::string& target, const std::string& phase);

/// True when `measured OP threshold` holds.
bool holds(Op op, double measured, double threshold);

}  // namespace ttft::gate
