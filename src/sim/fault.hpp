// The faults the simulator can inject, by request header (x-sim-fault) or by profile rate.
#pragma once

#include <optional>
#include <string_view>

namespace ttft::sim {

enum class Fault {
  kNone,
  kHttp429,      // JSON error body, Retry-After: 7
  kHttp500,
  kHttp503,
  kStall,        // headers, then no event until the connection is closed
  kStreamError,  // half the tokens, the provider's mid-stream error event (none for generic
                 // SSE, which has no error event), then a clean end
  kTruncate,     // half the tokens, then the connection closes without the end marker
  kReset,        // half the tokens, then a TCP reset
};

/// "", "http-429", "http-500", "http-503", "stall", "stream-error", "truncate", "reset".
std::string_view fault_name(Fault fault);

/// The inverse of fault_name for header values, plus "none" (kNone: no fault, whatever the
/// profile's rates); "" and unknown values → nullopt.
std::optional<Fault> parse_fault(std::string_view name);

}  // namespace ttft::sim
