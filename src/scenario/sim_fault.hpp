// The faults a simulated provider can inject, by request header (x-sim-fault: <name>) or by
// profile rate ("faults": {"<profile_key>": p}). One table in sim_fault.cpp names each fault both
// ways; the simulator (sim/) acts them out.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ttft::scenario {

enum class Fault {
  kNone,
  kHttp429,                 // JSON error body, Retry-After: 7
  kHttp500,
  kHttp503,
  kHttp529,                 // Anthropic's "overloaded"
  kRedirect,                // 307 to the same URI plus ?x-sim-redirected=1, which is served normally
  kWrongContentType,        // 200, Content-Type: application/json, the provider's JSON error body
  kResetBeforeHeaders,      // a TCP reset at the first-event time, before any response byte
  kSlowHeaders,             // the response head one byte per 100 ms, then the normal stream
  kStall,                   // headers, then no event until the connection is closed
  kStallMidStream,          // half the tokens, then nothing until the connection is closed
  kStreamError,             // half the tokens, the provider's mid-stream error event (none for
                            // generic SSE and text, which have no error event), then a clean end
  kTruncate,                // half the tokens, then a FIN between chunks: the chunked body never ends
  kCloseWithoutTerminator,  // half the tokens, then a clean end of the HTTP body without the
                            // protocol's end marker (`truncate` is the close without that end)
  kTruncatedChunked,        // half the tokens, then half of the next chunk and a FIN mid-chunk
  kReset,                   // half the tokens, then a TCP reset
  kGarbage,                 // the token events carry binary noise instead of the protocol's JSON
                            // (generic SSE and text take any bytes, so there it is no error)
  kInvalidUtf8,             // one token's text holds invalid UTF-8 inside an otherwise valid event
  kOversizeEvent,           // one token's event is over 1 MiB
  kGzip,                    // Content-Encoding: gzip, one sync flush per send slot
};

/// Every fault but kNone, in the order profile rates are drawn.
inline constexpr std::size_t kFaultCount = 19;

struct FaultInfo {
  Fault fault;
  std::string_view name;         // header value, kebab-case
  std::string_view profile_key;  // key under a profile's "faults", snake_case
};

/// The table of faults (kNone excluded), in enum order.
const std::array<FaultInfo, kFaultCount>& fault_table();

/// "" for kNone, else the fault's header name ("http-429", "reset-before-headers", …).
std::string_view fault_name(Fault fault);

/// The inverse of fault_name for header values, plus "none" (kNone: no fault, whatever the
/// profile's rates); "" and unknown values → nullopt.
std::optional<Fault> parse_fault(std::string_view name);

/// "none, http-429, http-500, …": every accepted header value, for error messages.
std::string fault_names_list();

}  // namespace ttft::scenario
