// Byte-exact provider streams, as the providers send them (docs/protocols.md, a section each): one
// emitter per protocol. Pure: returns bytes and when to send them; never touches a socket or clock.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/routes.hpp"

namespace ttft::sim {

enum class FrameKind {
  kPrelude,    // events before the first token (OpenAI role chunk, Anthropic message_start …)
  kReasoning,  // exactly one reasoning ("thinking") token, before the answer
  kContent,    // exactly one generated answer token
  kToolCall,   // a piece of a tool call (or a whole call), after reasoning and before the answer
  kTail,       // finish, usage and end-marker events
};

/// One event (or a few sent together) and its send slot: slot 0 is the first-event time,
/// slot k is k decode intervals later. Frames are in send order; slots never decrease.
struct Frame {
  FrameKind kind = FrameKind::kContent;
  std::int64_t slot = 0;
  std::string bytes;
};

struct StreamSpec {
  std::string id;                   // message id, e.g. "chatcmpl-sim-000001"
  std::string model;                // echoed in every event that names one
  std::int64_t input_tokens = 0;    // the whole prompt, cached part included
  std::int64_t output_tokens = 0;   // answer tokens; usage reports these plus reasoning_tokens
  std::int64_t reasoning_tokens = 0;     // reasoning deltas before the answer (where the protocol has them)
  std::int64_t cached_input_tokens = 0;  // of input_tokens, reported as read from a prompt cache
  std::int64_t cache_write_tokens = 0;   // of input_tokens, reported as written to a prompt cache
  bool stopped_by_max_tokens = false;  // finish "length" / stop_reason "max_tokens"
  std::int64_t marked_token = -1;      // this token's text is kTokenMarker; -1 = none
  std::int64_t tool_calls = 0;         // get_weather calls between reasoning and the answer
  std::vector<std::string> answer_tokens = {};  // a quiz answer's tokens; empty = the fixed token list
};

/// Every simulated tool call is get_weather({"city":"Paris"}); protocols that stream arguments
/// send them in these pieces, one slot each, after the slot that names the call.
inline constexpr std::string_view kSimToolName = "get_weather";
inline constexpr std::array<std::string_view, 3> kSimToolArgumentPieces{R"({"city":)", R"("Paris")", "}"};
inline constexpr std::string_view kSimToolArguments = R"({"city":"Paris"})";

/// The slots a streamed call takes: its opening piece and one per argument piece.
inline constexpr std::int64_t kStreamedToolCallSlots = 1 + kSimToolArgumentPieces.size();

/// Stands in for one token's text so that a fault can put bytes there after emission that a JSON
/// serialiser would refuse (invalid UTF-8) or that would be wasteful to build twice (1 MiB).
inline constexpr std::string_view kTokenMarker = "<sim-token-marker>";

/// Fixed "created" timestamp, so streams are byte-reproducible.
constexpr std::int64_t kCreatedUnixS = 1767225600;

/// Text of the index-th generated token, cycling through a fixed list ("Hello", ",", " world", …).
std::string_view token_text(std::int64_t index);

/// spec.answer_tokens[index] when the spec has them (past their end: ""), else token_text(index);
/// kTokenMarker when index is spec.marked_token. Emitters use this one.
std::string_view token_text(const StreamSpec& spec, std::int64_t index);

/// Text of the index-th reasoning token, cycling through a fixed list ("Let", " me", " think", …).
std::string_view reasoning_text(std::int64_t index);

/// The output tokens usage reports: answer tokens plus reasoning tokens.
std::int64_t reported_output_tokens(const StreamSpec& spec);

/// Reasoning, where a protocol has it, comes as spec.reasoning_tokens deltas between the prelude
/// and the first answer token, each in a slot of its own; the answer's slots follow them. Usage
/// then reports the reasoning (and the prompt cache) in the provider's own fields.
///
/// OpenAI chat: role chunk (slot 0), reasoning_content chunks, one content chunk per token (slots
/// 1..n), then the finish chunk, the usage chunk (choices: []) and "data: [DONE]" at the last
/// token's slot.
std::vector<Frame> openai_chat_stream(const StreamSpec& spec);
/// Workers AI native: {"response": token, "p": padding} per token (slots 0..n-1), then
/// {"response":"","usage":…} and "data: [DONE]".
std::vector<Frame> workers_ai_stream(const StreamSpec& spec);
/// Anthropic Messages: message_start + content_block_start + ping (slot 0), one text_delta per
/// token (slots 1..n), content_block_stop, message_delta, message_stop.
std::vector<Frame> anthropic_stream(const StreamSpec& spec);
/// Generic SSE: "data: <token>" per token (slots 0..n-1); no end marker.
std::vector<Frame> sse_stream(const StreamSpec& spec);
/// OpenAI completions: {"choices":[{"text": token}]} per token (slots 0..n-1), then the finish
/// chunk, the usage chunk (choices: []) and "data: [DONE]" at the last token's slot.
std::vector<Frame> openai_completions_stream(const StreamSpec& spec);
/// OpenAI Responses: response.created, in_progress, output_item.added, content_part.added
/// (slot 0), one response.output_text.delta per token (slots 1..n), then the done events and
/// response.completed (or response.incomplete at max_output_tokens) with usage.
std::vector<Frame> openai_responses_stream(const StreamSpec& spec);
/// AI SDK UI message stream: start, start-step, text-start (slot 0), one text-delta per token
/// (slots 1..n), text-end, finish-step, finish and "data: [DONE]".
std::vector<Frame> vercel_ui_stream(const StreamSpec& spec);
/// AI SDK data stream: f:{messageId} (slot 0), 0:"token" per token (slots 1..n), then e: and d:
/// with usage.
std::vector<Frame> vercel_data_stream(const StreamSpec& spec);
/// Gemini alt=sse, CRLF: one GenerateContentResponse per token (slots 0..n-1) with running
/// usageMetadata; the last carries finishReason. No end marker.
std::vector<Frame> gemini_stream(const StreamSpec& spec);
/// Ollama /api/chat NDJSON: one message object per token (slots 0..n-1), then the done:true
/// object with counts and nanosecond durations at the last token's slot.
std::vector<Frame> ollama_stream(const StreamSpec& spec);
/// llama.cpp /completion: {"content": token, "stop": false} per token (slots 0..n-1), then the
/// stop:true event with counts and timings at the last token's slot. No [DONE].
std::vector<Frame> llama_cpp_stream(const StreamSpec& spec);
/// Plain text: each token's bytes (slots 0..n-1), nothing else.
std::vector<Frame> text_stream(const StreamSpec& spec);

std::vector<Frame> emit_stream(Protocol protocol, const StreamSpec& spec);

/// True when the protocol has a non-streaming form (all but vercel-ui, vercel-data, text, sse).
bool has_completion(Protocol protocol);

/// The whole non-streaming JSON response of the protocol for `spec` (docs/simulator.md
/// ("Non-streaming responses")): the same text and usage as its stream; "" without that form.
std::string emit_completion(Protocol protocol, const StreamSpec& spec);

/// The protocol's mid-stream error, sent after `tokens_sent` tokens: OpenAI-style
/// {"error":{…"server_error"…}} (chat, completions, Workers AI), Anthropic "event: error",
/// Responses "error" + "response.failed", the AI SDK's error part / 3: line, Google's error
/// envelope, Ollama's {"error"} line, llama.cpp's `error:` field. Plain text and generic SSE
/// have none ("").
std::string emit_stream_error(Protocol protocol, const StreamSpec& spec, std::int64_t tokens_sent);

/// The response headers of a 200 stream, Content-Type first; the exchange adds Cache-Control and
/// X-Sim-Cold.
using Header = std::pair<const char*, const char*>;
std::span<const Header> stream_headers(Protocol protocol);

/// A provider-shaped JSON error body for an HTTP error status (400, 404, 429, 500, 503, 529).
std::string emit_http_error_body(Protocol protocol, int status, std::string_view message);

/// "data: <json>\n\n", the SSE framing of every SSE emitter but Gemini's (LF line ends).
std::string sse_data(std::string_view data);

/// "event: <name>\ndata: <json>\n\n", for the streams with typed events.
std::string sse_event(std::string_view name, std::string_view data);

}  // namespace ttft::sim
