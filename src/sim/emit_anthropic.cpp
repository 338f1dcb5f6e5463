// Anthropic Messages stream (docs/protocols.md ("anthropic")): "event: <type>" + "data: <json>" pairs,
// message_start … message_stop; message_delta's output_tokens is the cumulative count. With
// reasoning, a thinking block (index 0) comes before the text block; tool_use blocks come
// between them.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// The input counters are billed apart: base input, cache writes and cache reads add up to the
// whole prompt (docs/protocols.md, "anthropic").
std::string message_start(const StreamSpec& spec) {
  const Json usage{{"input_tokens", spec.input_tokens - spec.cached_input_tokens - spec.cache_write_tokens},
                   {"cache_creation_input_tokens", spec.cache_write_tokens},
                   {"cache_read_input_tokens", spec.cached_input_tokens},
                   {"output_tokens", 1}};
  const Json message{{"id", spec.id},           {"type", "message"},
                     {"role", "assistant"},     {"content", Json::array()},
                     {"model", spec.model},     {"stop_reason", nullptr},
                     {"stop_sequence", nullptr}, {"usage", usage}};
  return sse_event("message_start", Json{{"type", "message_start"}, {"message", message}}.dump());
}

std::string block_start(std::int64_t index, Json block) {
  return sse_event("content_block_start",
                   Json{{"type", "content_block_start"}, {"index", index}, {"content_block", std::move(block)}}.dump());
}

std::string block_delta(std::int64_t index, Json delta) {
  return sse_event("content_block_delta",
                   Json{{"type", "content_block_delta"}, {"index", index}, {"delta", std::move(delta)}}.dump());
}

std::string block_stop(std::int64_t index) {
  return sse_event("content_block_stop", Json{{"type", "content_block_stop"}, {"index", index}}.dump());
}

const Json kTextBlock{{"type", "text"}, {"text", ""}};

// Tool call k is block `index`: its tool_use start (id, name, empty input), then one
// input_json_delta per piece; the last piece's slot also stops the block. `opening` (the
// thinking block's end) goes before the first call.
void add_tool_calls(const StreamSpec& spec, std::int64_t first_index, std::int64_t first_slot, std::string opening,
                    std::vector<Frame>& frames) {
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    const std::int64_t index = first_index + k;
    std::int64_t slot = first_slot + k * kStreamedToolCallSlots;
    const Json block{{"type", "tool_use"}, {"id", "toolu_sim" + std::to_string(k)}, {"name", kSimToolName},
                     {"input", Json::object()}};
    frames.push_back({FrameKind::kToolCall, slot++, (k == 0 ? std::move(opening) : std::string()) + block_start(index, block)});
    for (std::string_view piece : kSimToolArgumentPieces) {
      frames.push_back({FrameKind::kToolCall, slot++,
                        block_delta(index, Json{{"type", "input_json_delta"}, {"partial_json", piece}})});
    }
    frames.back().bytes += block_stop(index);
  }
}

}  // namespace

std::vector<Frame> anthropic_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  const bool thinking = spec.reasoning_tokens > 0;
  const bool tools = spec.tool_calls > 0;
  // Blocks in order: thinking, the tool calls, then the text block.
  const std::int64_t text_index = (thinking ? 1 : 0) + spec.tool_calls;
  // The ping is written with a space after the colon, as the API sends it.
  const std::string ping = sse_event("ping", R"({"type": "ping"})");
  std::string prelude = message_start(spec);
  if (thinking || !tools) prelude += block_start(0, thinking ? Json{{"type", "thinking"}, {"thinking", ""}} : kTextBlock);
  frames.push_back({FrameKind::kPrelude, 0, prelude + ping});
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
    frames.push_back({FrameKind::kReasoning, i + 1,
                      block_delta(0, Json{{"type", "thinking_delta"}, {"thinking", reasoning_text(i)}})});
  }
  // The thinking block ends with its signature; the next block starts with the next piece.
  std::string thinking_end =
      thinking ? block_delta(0, Json{{"type", "signature_delta"}, {"signature", "c2ltLXNpZ25hdHVyZQ=="}}) + block_stop(0)
               : std::string();
  add_tool_calls(spec, thinking ? 1 : 0, 1 + spec.reasoning_tokens, thinking_end, frames);
  if (tools) thinking_end.clear();
  // After thinking or tool calls the text block opens with the first answer token; a stream of
  // tool calls only has none.
  const bool text_block = spec.output_tokens > 0 || !tools;
  const std::string text_opening = thinking_end + ((thinking || tools) && text_block ? block_start(text_index, kTextBlock) : "");
  const std::int64_t first = 1 + spec.reasoning_tokens + spec.tool_calls * kStreamedToolCallSlots;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    std::string bytes = block_delta(text_index, Json{{"type", "text_delta"}, {"text", token_text(spec, i)}});
    frames.push_back({FrameKind::kContent, first + i, i == 0 ? text_opening + bytes : bytes});
  }
  const char* stop_reason = spec.stopped_by_max_tokens ? "max_tokens" : tools && spec.output_tokens == 0 ? "tool_use" : "end_turn";
  const Json message_delta{{"type", "message_delta"},
                           {"delta", Json{{"stop_reason", stop_reason}, {"stop_sequence", nullptr}}},
                           {"usage", Json{{"output_tokens", reported_output_tokens(spec)}}}};
  std::string tail = (spec.output_tokens == 0 ? text_opening : std::string()) +
                     (text_block ? block_stop(text_index) : std::string()) +
                     sse_event("message_delta", message_delta.dump()) +
                     sse_event("message_stop", R"({"type":"message_stop"})");
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
