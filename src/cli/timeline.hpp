// The human form of one sample: the probe timeline.
#pragma once

#include <string>

#include "samples/sample.hpp"

namespace ttft::cli {

/// DNS, connect, TLS, headers, first event, first token, end, tokens and rates, one per line.
std::string render_timeline(const std::string& url, const samples::Sample& sample, bool color);

}  // namespace ttft::cli
