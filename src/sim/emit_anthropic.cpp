// Anthropic Messages stream (docs/protocols.md ("anthropic")): "event: <type>" + "data: <json>" pairs,
// message_start … message_stop; message_delta's output_tokens is the cumulative count.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string message_start(const StreamSpec& spec) {
  const Json usage{{"input_tokens", spec.input_tokens},
                   {"cache_creation_input_tokens", 0},
                   {"cache_read_input_tokens", 0},
                   {"output_tokens", 1}};
  const Json message{{"id", spec.id},           {"type", "message"},
                     {"role", "assistant"},     {"content", Json::array()},
                     {"model", spec.model},     {"stop_reason", nullptr},
                     {"stop_sequence", nullptr}, {"usage", usage}};
  return sse_event("message_start", Json{{"type", "message_start"}, {"message", message}}.dump());
}

}  // namespace

std::vector<Frame> anthropic_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  const Json block_start{{"type", "content_block_start"},
                         {"index", 0},
                         {"content_block", Json{{"type", "text"}, {"text", ""}}}};
  // The ping is written with a space after the colon, as the API sends it.
  frames.push_back({FrameKind::kPrelude, 0,
                    message_start(spec) + sse_event("content_block_start", block_start.dump()) +
                        sse_event("ping", R"({"type": "ping"})")});
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const Json delta{{"type", "content_block_delta"},
                     {"index", 0},
                     {"delta", Json{{"type", "text_delta"}, {"text", token_text(spec, i)}}}};
    frames.push_back({FrameKind::kContent, i + 1, sse_event("content_block_delta", delta.dump())});
  }
  const Json block_stop{{"type", "content_block_stop"}, {"index", 0}};
  const Json message_delta{
      {"type", "message_delta"},
      {"delta", Json{{"stop_reason", spec.stopped_by_max_tokens ? "max_tokens" : "end_turn"},
                     {"stop_sequence", nullptr}}},
      {"usage", Json{{"output_tokens", spec.output_tokens}}}};
  std::string tail = sse_event("content_block_stop", block_stop.dump()) +
                     sse_event("message_delta", message_delta.dump()) +
                     sse_event("message_stop", R"({"type":"message_stop"})");
  frames.push_back({FrameKind::kTail, spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
