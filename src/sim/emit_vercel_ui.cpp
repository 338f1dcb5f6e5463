// AI SDK 5 UI message stream (docs/protocols.md ("vercel-ui")): each part is `data: <json>\n\n`, and the
// stream is flushed with `data: [DONE]\n\n` (json-to-sse-transform-stream.ts). The start,
// start-step and text-start parts come before the first token; there is no usage part. With
// reasoning, reasoning-start and reasoning-delta parts come before the text part; tool-input parts
// come between them.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string part(const Json& value) { return sse_data(value.dump()); }

// Call k: tool-input-start (toolCallId, toolName), one tool-input-delta per piece, and the last
// piece's slot also carries tool-input-available with the whole input. `opening` (the reasoning
// part's end) goes before the first call.
void add_tool_calls(const StreamSpec& spec, std::int64_t first_slot, std::string opening, std::vector<Frame>& frames) {
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    const std::string id = "call_sim" + std::to_string(k);
    std::int64_t slot = first_slot + k * kStreamedToolCallSlots;
    frames.push_back({FrameKind::kToolCall, slot++,
                      (k == 0 ? std::move(opening) : std::string()) +
                          part(Json{{"type", "tool-input-start"}, {"toolCallId", id}, {"toolName", kSimToolName}})});
    for (std::string_view piece : kSimToolArgumentPieces) {
      frames.push_back({FrameKind::kToolCall, slot++,
                        part(Json{{"type", "tool-input-delta"}, {"toolCallId", id}, {"inputTextDelta", piece}})});
    }
    frames.back().bytes += part(Json{{"type", "tool-input-available"}, {"toolCallId", id}, {"toolName", kSimToolName},
                                     {"input", Json::parse(kSimToolArguments)}});
  }
}

}  // namespace

std::vector<Frame> vercel_ui_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  constexpr std::string_view kTextId = "txt-0";
  constexpr std::string_view kReasoningId = "rsn-0";
  const bool reasoning = spec.reasoning_tokens > 0;
  const bool tools = spec.tool_calls > 0;
  const std::string text_start = part(Json{{"type", "text-start"}, {"id", kTextId}});
  std::string prelude = part(Json{{"type", "start"}, {"messageId", spec.id}}) + part(Json{{"type", "start-step"}});
  if (reasoning) {
    prelude += part(Json{{"type", "reasoning-start"}, {"id", kReasoningId}});
  } else if (!tools) {
    prelude += text_start;
  }
  frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
    frames.push_back({FrameKind::kReasoning, i + 1,
                      part(Json{{"type", "reasoning-delta"}, {"id", kReasoningId}, {"delta", reasoning_text(i)}})});
  }
  std::string reasoning_end = reasoning ? part(Json{{"type", "reasoning-end"}, {"id", kReasoningId}}) : std::string();
  add_tool_calls(spec, 1 + spec.reasoning_tokens, reasoning_end, frames);
  if (tools) reasoning_end.clear();
  // After reasoning or tool calls, the text part opens with the first answer token; a stream of
  // tool calls only has none.
  const bool text_part = spec.output_tokens > 0 || !tools;
  const std::string text_opening = reasoning_end + ((reasoning || tools) && text_part ? text_start : std::string());
  const std::int64_t first = 1 + spec.reasoning_tokens + spec.tool_calls * kStreamedToolCallSlots;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const std::string delta = part(Json{{"type", "text-delta"}, {"id", kTextId}, {"delta", token_text(spec, i)}});
    frames.push_back({FrameKind::kContent, first + i, i == 0 ? text_opening + delta : delta});
  }
  const char* finish = spec.stopped_by_max_tokens ? "length" : tools && spec.output_tokens == 0 ? "tool-calls" : "stop";
  std::string tail = (spec.output_tokens == 0 ? text_opening : std::string()) +
                     (text_part ? part(Json{{"type", "text-end"}, {"id", kTextId}}) : std::string()) +
                     part(Json{{"type", "finish-step"}}) + part(Json{{"type", "finish"}, {"finishReason", finish}}) +
                     sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
