// AI SDK 5 UI message stream (docs/protocols.md ("vercel-ui")): each part is `data: <json>\n\n`, and the
// stream is flushed with `data: [DONE]\n\n` (json-to-sse-transform-stream.ts). The start,
// start-step and text-start parts come before the first token; there is no usage part. With
// reasoning, reasoning-start and reasoning-delta parts come before the text part.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string part(const Json& value) { return sse_data(value.dump()); }

}  // namespace

std::vector<Frame> vercel_ui_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  constexpr std::string_view kTextId = "txt-0";
  constexpr std::string_view kReasoningId = "rsn-0";
  const bool reasoning = spec.reasoning_tokens > 0;
  const std::string text_start = part(Json{{"type", "text-start"}, {"id", kTextId}});
  std::string prelude = part(Json{{"type", "start"}, {"messageId", spec.id}}) + part(Json{{"type", "start-step"}});
  prelude += reasoning ? part(Json{{"type", "reasoning-start"}, {"id", kReasoningId}}) : text_start;
  frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
    frames.push_back({FrameKind::kReasoning, i + 1,
                      part(Json{{"type", "reasoning-delta"}, {"id", kReasoningId}, {"delta", reasoning_text(i)}})});
  }
  // After reasoning, the text part opens with the first answer token.
  const std::string text_opening =
      reasoning ? part(Json{{"type", "reasoning-end"}, {"id", kReasoningId}}) + text_start : std::string();
  const std::int64_t first = 1 + spec.reasoning_tokens;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const std::string delta = part(Json{{"type", "text-delta"}, {"id", kTextId}, {"delta", token_text(spec, i)}});
    frames.push_back({FrameKind::kContent, first + i, i == 0 ? text_opening + delta : delta});
  }
  std::string tail = (spec.output_tokens == 0 ? text_opening : std::string()) +
                     part(Json{{"type", "text-end"}, {"id", kTextId}}) + part(Json{{"type", "finish-step"}}) +
                     part(Json{{"type", "finish"}, {"finishReason", spec.stopped_by_max_tokens ? "length" : "stop"}}) +
                     sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
