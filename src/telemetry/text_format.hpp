// The Prometheus text exposition format (version 0.0.4) of metric families, as a Pushgateway takes
// it: HELP and TYPE lines, histograms as _bucket{le}/_sum/_count, and no timestamps (the
// Pushgateway refuses them). No I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "telemetry/metric_set.hpp"

namespace ttft::telemetry {

/// `value` escaped for a label value: backslash, double quote and newline.
std::string escape_label_value(std::string_view value);

/// The families as text, one line per sample, ending with '\n'.
std::string text_format(const std::vector<Family>& families);

}  // namespace ttft::telemetry
