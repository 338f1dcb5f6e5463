// Prometheus remote write 1.0 bodies: metric families as a WriteRequest protobuf (classic
// histograms as _bucket{le}/_sum/_count series), snappy-compressed in the block format.
// No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "telemetry/metric_set.hpp"

namespace ttft::telemetry {

/// One decoded series: labels (__name__ first, then by name) and its one sample.
struct WrittenSeries {
  Labels labels;
  double value = 0;
  std::int64_t timestamp_ms = 0;
};

/// The snappy-compressed WriteRequest. Every sample carries `now_ms`, or with 0 its point's own time.
std::string remote_write_body(const std::vector<Family>& families, std::int64_t now_ms);

/// A body back (for tests and checks): nullopt when it does not decompress or parse.
std::optional<std::vector<WrittenSeries>> decode_remote_write(const std::string& body);

}  // namespace ttft::telemetry
