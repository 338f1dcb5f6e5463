// OTLP/HTTP metrics in the JSON encoding (an ExportMetricsServiceRequest): one resource with
// service.name, run_id and scenario, one scope, and per family a cumulative monotonic sum, a
// histogram or a gauge. Names use dots (ttftbench.ttft.seconds); 64-bit integers are strings,
// as the protobuf JSON mapping writes them. No I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "telemetry/metric_set.hpp"

namespace ttft::telemetry {

struct OtlpTimes {
  std::int64_t start_unix_ns = 0;  // startTimeUnixNano of every cumulative point
  std::int64_t now_unix_ns = 0;    // timeUnixNano; 0 = each point's own time (time_ms)
};

/// "ttftbench_ttft_seconds" -> "ttftbench.ttft.seconds".
std::string otlp_name(const std::string& prometheus_name);

/// The request body. run_id and scenario move from the points' labels to the resource when every
/// point shares them (one run); otherwise they stay on the points.
std::string otlp_json(const std::vector<Family>& families, const OtlpTimes& times, const std::string& version);

}  // namespace ttft::telemetry
