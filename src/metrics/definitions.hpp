// The metrics the summary reports (docs/metrics.md ("Summary metrics")), each defined once: name, samples.csv
// column, unit, one-line definition and how its value is read from a sample. The same table
// feeds summary.csv/json, the report tables and --help.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "samples/sample.hpp"

namespace ttft::metrics {

struct MetricDefinition {
  std::string_view name;                                   // "ttft"
  std::string_view column;                                 // samples.csv column: "ttft_ms"
  std::string_view unit;                                   // "ms" or "tokens/s"
  std::string_view description;                            // one line, as docs/metrics.md defines it
  std::optional<double> (*value)(const samples::Sample&);  // in `unit`; nullopt = not measured
  // A rate (decode_tps), where more is better: a failed request ranks below every success in the
  // percentiles that count failures, not above as for a time.
  bool higher_is_better = false;
};

/// The summary metrics in report order: ttft, first_token, first_answer, e2e, ttfb, decode_tps, itl_p50.
const std::vector<MetricDefinition>& metric_definitions();

/// The definition named `metric` ("ttft"), or nullptr when there is none.
const MetricDefinition* find_metric(std::string_view metric);

/// The sample's value of `metric` in the metric's unit (ms as a double from integer ns,
/// decode_tps as recorded); nullopt when unmeasured or when no metric has that name.
std::optional<double> metric_value(const samples::Sample& sample, std::string_view metric);

}  // namespace ttft::metrics
