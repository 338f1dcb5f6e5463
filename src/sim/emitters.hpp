// Byte-exact provider streams, as the providers send them (ref/protocols.md §2, §4, §5): one
// emitter per protocol. Pure: returns bytes and when to send them; never touches a socket or clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/routes.hpp"

namespace ttft::sim {

enum class FrameKind {
  kPrelude,  // events before the first token (OpenAI role chunk, Anthropic message_start …)
  kContent,  // exactly one generated token
  kTail,     // finish, usage and end-marker events
};

/// One SSE event (or a few sent together) and its send slot: slot 0 is the first-event time,
/// slot k is k decode intervals later. Frames are in send order; slots never decrease.
struct Frame {
  FrameKind kind = FrameKind::kContent;
  std::int64_t slot = 0;
  std::string bytes;
};

struct StreamSpec {
  std::string id;                   // message id, e.g. "chatcmpl-sim-000001"
  std::string model;                // echoed in every event that names one
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool stopped_by_max_tokens = false;  // finish "length" / stop_reason "max_tokens"
};

/// Fixed "created" timestamp, so streams are byte-reproducible.
constexpr std::int64_t kCreatedUnixS = 1767225600;

/// Text of the index-th generated token, cycling through a fixed list ("Hello", ",", " world", …).
std::string_view token_text(std::int64_t index);

/// OpenAI chat: role chunk (slot 0), one content chunk per token (slots 1..n), then the finish
/// chunk, the usage chunk (choices: []) and "data: [DONE]" at the last token's slot.
std::vector<Frame> openai_chat_stream(const StreamSpec& spec);
/// Workers AI native: {"response": token, "p": padding} per token (slots 0..n-1), then
/// {"response":"","usage":…} and "data: [DONE]".
std::vector<Frame> workers_ai_stream(const StreamSpec& spec);
/// Anthropic Messages: message_start + content_block_start + ping (slot 0), one text_delta per
/// token (slots 1..n), content_block_stop, message_delta, message_stop.
std::vector<Frame> anthropic_stream(const StreamSpec& spec);
/// Generic SSE: "data: <token>" per token (slots 0..n-1); no end marker.
std::vector<Frame> sse_stream(const StreamSpec& spec);

std::vector<Frame> emit_stream(Protocol protocol, const StreamSpec& spec);

/// The protocol's mid-stream error event: OpenAI and Workers AI {"error":{…"server_error"…}},
/// Anthropic "event: error" with overloaded_error; generic SSE has none ("").
std::string emit_stream_error(Protocol protocol);

/// A provider-shaped JSON error body for an HTTP error status (400, 404, 429, 500, 503).
std::string emit_http_error_body(Protocol protocol, int status, std::string_view message);

/// "data: <json>\n\n", the SSE framing every emitter uses (LF line ends).
std::string sse_data(std::string_view data);

}  // namespace ttft::sim
