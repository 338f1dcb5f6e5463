// AI SDK 4 data stream (docs/protocols.md ("vercel-data")): one `CODE:JSON\n` part per line, as
// formatDataStreamPart writes them: f: start_step, 0: text per token, e: finish_step and
// d: finish_message with usage {promptTokens, completionTokens}.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string part(char code, const Json& value) {
  std::string line(1, code);
  return line.append(":").append(value.dump()).append("\n");
}

}  // namespace

std::vector<Frame> vercel_data_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  frames.push_back({FrameKind::kPrelude, 0, part('f', Json{{"messageId", spec.id}})});
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {  // g: reasoning parts
    frames.push_back({FrameKind::kReasoning, i + 1, part('g', Json(reasoning_text(i)))});
  }
  const std::int64_t first = 1 + spec.reasoning_tokens;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, first + i, part('0', Json(token_text(spec, i)))});
  }
  const char* finish_reason = spec.stopped_by_max_tokens ? "length" : "stop";
  const Json usage{{"promptTokens", spec.input_tokens}, {"completionTokens", reported_output_tokens(spec)}};
  std::string tail =
      part('e', Json{{"finishReason", finish_reason}, {"usage", usage}, {"isContinued", false}}) +
      part('d', Json{{"finishReason", finish_reason}, {"usage", usage}});
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
