// The `openai-chat` protocol: /v1/chat/completions streaming (docs/protocols.md ("openai-chat")), spoken
// by OpenAI and most OpenAI-compatible servers (vLLM, llama.cpp, Workers AI /ai/v1, Groq).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "protocol/adapter.hpp"
#include "protocol/json_scan.hpp"

namespace ttft::protocol {

class OpenAiChatAdapter final : public Adapter {
 public:
  /// `full_parser` reads every chunk with nlohmann: the reference the fast path is tested against.
  explicit OpenAiChatAdapter(json_scan::JsonReading reading = json_scan::JsonReading::scanner_first)
      : reading_(reading) {}
  std::string_view name() const override { return "openai-chat"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;

 private:
  json_scan::JsonReading reading_;
};

/// The chat-completions request body, before extra_body is merged: model (when set),
/// messages, max_tokens, stream, stream_options.include_usage.
nlohmann::ordered_json openai_chat_body(const Workload& workload);

/// The message of a top-level "error" (object with "message", or a string); the error dumped
/// as JSON when it has no message; nullopt when there is none (absent, null, false, empty).
std::optional<std::string> openai_error(const nlohmann::json& chunk);

/// The opening every OpenAI-style JSON event shares (chat, completions, llama.cpp, Gemini):
/// "[DONE]" ends the stream (when `done_marker_allowed`), data that is not a JSON object is a
/// protocol error, and a top-level "error" is the provider's error. Returns the parsed chunk
/// when the adapter should read on; otherwise `meaning` already says all there is.
std::optional<nlohmann::json> open_openai_style_event(const Event& event, EventMeaning& meaning,
                                                      bool done_marker_allowed);

/// Adds what a chat.completion.chunk carries to `meaning`: choices[0].delta content (text),
/// reasoning_content / reasoning (reasoning) and tool_calls / function_call (a tool call), usage
/// prompt/completion tokens with their cached and reasoning details, and the `timings`
/// llama.cpp's compatible server adds.
void read_openai_chunk(const nlohmann::json& chunk, EventMeaning& meaning);

}  // namespace ttft::protocol
