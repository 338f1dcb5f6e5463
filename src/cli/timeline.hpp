// The human form of one sample: the probe timeline.
#pragma once

#include <optional>
#include <string>

#include "protocol/event.hpp"
#include "samples/sample.hpp"

namespace ttft::cli {

/// DNS, connect, TLS, headers, first event, first token, end, tokens and rates, one per line,
/// then the durations the server reported about itself, when it did.
std::string render_timeline(const std::string& url, const samples::Sample& sample,
                            const std::optional<protocol::ServerTimings>& server, bool color);

}  // namespace ttft::cli
