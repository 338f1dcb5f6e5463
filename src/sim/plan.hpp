// What one simulated request will do, decided up front from its body, its x-sim-* headers, the
// profile and the seeded generator: the frames to send, when, and how the response ends.
// Pure: no clock, no sockets; times are offsets from the moment the request was received.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sim/embeddings.hpp"
#include "sim/emitters.hpp"
#include "sim/latency.hpp"
#include "sim/profile.hpp"
#include "sim/routes.hpp"

namespace ttft::sim {

/// Upper bound of a stall: a stalled response is closed after x-sim-stall-ms or this, whichever
/// is first, so nothing in the simulator runs unbounded.
constexpr Nanos kMaxStallNs = 120 * kNanosPerSecond;

/// Per-request test overrides, from request headers.
struct Overrides {
  std::optional<double> first_event_ms;     // x-sim-first-event-ms: replaces the whole computation
  std::optional<std::int64_t> tokens;       // x-sim-tokens: replaces profile.output_tokens
  std::optional<double> token_interval_ms;  // x-sim-token-interval-ms: fixed, no jitter
  std::optional<bool> cold;                 // x-sim-cold: 1 | 0
  std::optional<Fault> fault;               // x-sim-fault
  std::optional<double> stall_ms;           // x-sim-stall-ms (capped at kMaxStallNs)
  std::optional<std::int64_t> reasoning_tokens;  // x-sim-reasoning-tokens: profile.reasoning_tokens
  std::optional<double> reasoning_ms;            // x-sim-reasoning-ms: profile.reasoning_ms
  std::optional<std::int64_t> cached_tokens;     // x-sim-cached-tokens: profile.cached_input_tokens
  std::optional<std::int64_t> cache_write_tokens;  // x-sim-cache-write-tokens: profile.cache_write_tokens
  std::optional<int> status;                // x-sim-status: answer with this HTTP error status
  std::optional<std::int64_t> tool_calls;   // x-sim-tool-calls: profile.tool_calls
};

/// Case-insensitive request header lookup; nullopt when absent.
using HeaderLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Reads the x-sim-* headers; a malformed value or unknown fault is an error whose message is
/// meant for the 400 body.
[[nodiscard]] Result<Overrides> parse_overrides(const HeaderLookup& header);

/// How many bytes of the message text the request log hashes (prompt_head_sha256): a prompt-cache
/// nonce must make them differ from request to request.
constexpr std::size_t kPromptHeadBytes = 16;

struct RequestBody {
  std::int64_t input_chars = 0;            // bytes of message text (see parse_request_body)
  std::string prompt_head;                 // its first kPromptHeadBytes, in prompt order
  std::optional<std::int64_t> max_tokens;  // the output cap, whatever the provider calls it
  std::string model;                       // "" when the body names none
  bool stream = true;                      // false: "stream": false, or Gemini's generateContent
  std::string last_user_text;              // the last user message's text (a completion: its prompt)
};

/// Parses the JSON request body. Input characters are the UTF-8 bytes of every message's content
/// (a string, or the "text" of each part of an array; AI SDK 5 messages: their "parts") in
/// "messages", Responses' "input" and Gemini's "contents", plus "system", "systemInstruction"
/// and "prompt" when present. The output cap is read under each provider's name (max_tokens,
/// max_output_tokens, n_predict, options.num_predict, generationConfig.maxOutputTokens, …).
/// The prompt head is the message text in the order a provider reads the prompt: the system
/// prompt ("system", "systemInstruction"), then the messages, then "prompt".
/// A body with "stream": false asks for the non-streaming form. The last user text is the last
/// message with role "user" (Responses' string "input" and a completion's "prompt" count as one).
/// An empty body is allowed (a bare GET of /sse); invalid JSON or a non-object is an error.
[[nodiscard]] Result<RequestBody> parse_request_body(std::string_view body);

/// input tokens = ceil(chars / 4), the usual rule of thumb for English text.
constexpr std::int64_t input_tokens_for_chars(std::int64_t chars) { return (chars + 3) / 4; }

struct StreamPlan {
  Protocol protocol = Protocol::kSse;
  bool cold = false;
  Fault fault = Fault::kNone;
  StreamSpec spec;
  std::vector<Frame> frames;           // in send order, already cut short by a mid-stream fault
  std::vector<Nanos> slot_offsets_ns;  // slot k is sent this long after the stream's origin
  bool close_abruptly = false;         // close instead of ending the reply (see Fault)
  bool reset = false;                  // abrupt close with a TCP RST
  std::int64_t close_slot = 0;         // slot at which the abrupt close happens
  bool send_headers = true;            // false: the close comes before any response byte
  // Raw mode: the exchange writes the response head and the chunked framing itself instead of
  // evhttp, for what evhttp cannot send: a head dribbled byte by byte, a chunk cut in half.
  bool raw = false;
  Nanos header_byte_interval_ns = 0;   // raw: > 0 sends the head one byte at a time; the stream's
                                       // origin is then the head's last byte, not the receipt
  bool cut_last_chunk = false;         // raw: the last frame's chunk stops halfway, then a FIN
  bool gzip = false;                   // Content-Encoding: gzip, compressed and flushed per slot
  // A non-streaming response: one frame, the whole JSON body, sent with its headers as one
  // reply at the slot the stream's last event would have had.
  bool whole = false;
  std::optional<std::int64_t> vectors;     // an embeddings response: its vectors,
  std::optional<std::int64_t> dimensions;  // and their length
};

struct PlanInput {
  Protocol protocol = Protocol::kSse;
  std::uint64_t sequence = 0;  // per-server request number, for message ids
  RequestBody body;
  Overrides overrides;
  bool cold_by_idle = false;  // the scale-to-zero rule's verdict (is_cold)
  Fault fault = Fault::kNone;  // from the header, or drawn from the profile's rates
  std::optional<EmbeddingsRequestBody> embeddings;  // set: an embeddings request
};

/// The plan of a 200 streaming response, shaped by input.fault (see apply_fault). Draws the
/// first-event delay and the decode intervals from `rng` unless the overrides fix them. Slot
/// offsets are cumulative from the origin (receipt), so late timers never make later events drift.
StreamPlan make_stream_plan(const PlanInput& input, const Profile& profile, Rng& rng);

/// The plan of a 200 embeddings response (input.embeddings set): the whole body as one reply
/// after the first-event delay of its input tokens (x-sim-first-event-ms replaces it), with
/// one vector per input of the requested dimensions, else profile.embedding_dimensions. No
/// decode time and no mid-stream fault.
StreamPlan make_embeddings_plan(const PlanInput& input, const Profile& profile, Rng& rng);

}  // namespace ttft::sim
