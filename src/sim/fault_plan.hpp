// What each fault does to a response: the complete reply that replaces the stream, or how a
// planned stream is cut, stalled, corrupted, compressed or sent raw. Pure: no clock, no sockets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "sim/profile.hpp"
#include "sim/plan.hpp"
#include "sim/routes.hpp"

namespace ttft::sim {

/// The interval between the response head's bytes under slow-headers.
constexpr Nanos kSlowHeaderByteNs = 100 * kNanosPerMs;

/// Size of the token text oversize-event sends: over the 1 MiB event limit of ttftbench (and of
/// most SSE clients), so one event alone exceeds it.
constexpr std::size_t kOversizeTokenBytes = (std::size_t{1} << 20) + 4096;

/// The token text invalid-utf8 sends: Latin-1 bytes, a stray 0xFF and a truncated sequence, with
/// no quote or backslash, so a client that decodes it with U+FFFD gets valid JSON.
constexpr std::string_view kInvalidUtf8Token = " d\xE9j\xE0 vu \xFF\xC3(";

/// The query parameter a redirect adds. A request carrying it is never redirected again, so a
/// client that follows the redirect gets the normal stream.
constexpr std::string_view kRedirectedParam = "x-sim-redirected=1";

/// True when `query` (the part after '?', possibly empty) holds kRedirectedParam.
bool is_redirected(std::string_view query);

/// A complete (non-streamed) reply a fault asks for.
struct FaultReply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type first
  std::string body;
};

/// A provider-shaped JSON error reply with `status` (400 to 599): what x-sim-status and a
/// profile's status_rate send, and the http-* faults; 429 carries Retry-After: 7.
FaultReply status_reply(Protocol protocol, int status);

/// The reply of http-429 (Retry-After: 7), http-500, http-503, http-529 (provider JSON error
/// bodies), wrong-content-type (200, application/json, an error body) and redirect (307 to
/// `request_uri` plus kRedirectedParam); nullopt for the faults that shape a stream.
std::optional<FaultReply> fault_reply(Protocol protocol, Fault fault, std::string_view request_uri);

/// Reshapes the plan of a healthy stream for plan.fault (the comments in scenario/sim_fault.hpp say how).
/// Mid-stream faults act after half the tokens; stalls last x-sim-stall-ms, at most kMaxStallNs.
void apply_fault(StreamPlan& plan, const Overrides& overrides);

}  // namespace ttft::sim
