// AI SDK 5 UI message stream (docs/protocols.md ("vercel-ui")): each part is `data: <json>\n\n`, and the
// stream is flushed with `data: [DONE]\n\n` (json-to-sse-transform-stream.ts). The start,
// start-step and text-start parts come before the first token; there is no usage part.
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
  frames.push_back({FrameKind::kPrelude, 0,
                    part(Json{{"type", "start"}, {"messageId", spec.id}}) +
                        part(Json{{"type", "start-step"}}) +
                        part(Json{{"type", "text-start"}, {"id", kTextId}})});
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, i + 1,
                      part(Json{{"type", "text-delta"}, {"id", kTextId}, {"delta", token_text(spec, i)}})});
  }
  std::string tail = part(Json{{"type", "text-end"}, {"id", kTextId}}) +
                     part(Json{{"type", "finish-step"}}) +
                     part(Json{{"type", "finish"},
                               {"finishReason", spec.stopped_by_max_tokens ? "length" : "stop"}}) +
                     sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
