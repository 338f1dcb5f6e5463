// OpenAI Chat Completions stream with stream_options.include_usage (docs/protocols.md ("openai-chat")).
// The role chunk is an event but not a token; usage comes in its own chunk with choices: [].
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"
#include "sim/token_event_template.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string chat_chunk(const StreamSpec& spec, Json choices, Json usage) {
  const Json event{{"id", spec.id},
                   {"object", "chat.completion.chunk"},
                   {"created", kCreatedUnixS},
                   {"model", spec.model},
                   {"system_fingerprint", "fp_ttftsim"},
                   {"choices", std::move(choices)},
                   {"usage", std::move(usage)}};
  return sse_data(event.dump());
}

Json chat_choice(Json delta, Json finish_reason) {
  return Json::array({Json{{"index", 0},
                           {"delta", std::move(delta)},
                           {"logprobs", nullptr},
                           {"finish_reason", std::move(finish_reason)}}});
}

// usage, with the details OpenAI reports (prompt_tokens_details, completion_tokens_details)
// when the stream has reasoning or cached input to report.
Json chat_usage(const StreamSpec& spec) {
  const std::int64_t output = reported_output_tokens(spec);
  Json usage{{"prompt_tokens", spec.input_tokens},
             {"completion_tokens", output},
             {"total_tokens", spec.input_tokens + output}};
  if (spec.reasoning_tokens > 0 || spec.cached_input_tokens > 0) {
    usage["prompt_tokens_details"] = Json{{"cached_tokens", spec.cached_input_tokens}};
    usage["completion_tokens_details"] = Json{{"reasoning_tokens", spec.reasoning_tokens}};
  }
  return usage;
}

// Call k streams as OpenAI does: a delta naming it (index, id, type, function.name, empty
// arguments), then one delta per arguments piece carrying only index and function.arguments.
void add_tool_calls(const StreamSpec& spec, std::int64_t first_slot, std::vector<Frame>& frames) {
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    std::int64_t slot = first_slot + k * kStreamedToolCallSlots;
    const Json opening{{"index", k}, {"id", "call_sim" + std::to_string(k)}, {"type", "function"},
                       {"function", Json{{"name", kSimToolName}, {"arguments", ""}}}};
    const auto delta = [&](Json call) {
      return chat_chunk(spec, chat_choice(Json{{"tool_calls", Json::array({std::move(call)})}}, nullptr), nullptr);
    };
    frames.push_back({FrameKind::kToolCall, slot++, delta(opening)});
    for (std::string_view piece : kSimToolArgumentPieces) {
      frames.push_back({FrameKind::kToolCall, slot++, delta(Json{{"index", k}, {"function", Json{{"arguments", piece}}}})});
    }
  }
}

}  // namespace

std::vector<Frame> openai_chat_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  frames.push_back({FrameKind::kPrelude, 0,
                    chat_chunk(spec, chat_choice(Json{{"role", "assistant"}, {"content", ""}}, nullptr),
                          nullptr)});
  // DeepSeek, vLLM and Workers AI stream reasoning as delta.reasoning_content (docs/protocols.md,
  // "openai-chat").
  const TokenEventTemplate reasoning(
      chat_chunk(spec, chat_choice(Json{{"reasoning_content", kTokenSlot}}, nullptr), nullptr));
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
    frames.push_back({FrameKind::kReasoning, i + 1, reasoning.render(reasoning_text(i))});
  }
  add_tool_calls(spec, 1 + spec.reasoning_tokens, frames);
  // The first answer token's slot, after the reasoning and the tool calls.
  const std::int64_t first = 1 + spec.reasoning_tokens + spec.tool_calls * kStreamedToolCallSlots;
  const TokenEventTemplate content(chat_chunk(spec, chat_choice(Json{{"content", kTokenSlot}}, nullptr), nullptr));
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, first + i, content.render(token_text(spec, i))});
  }
  const char* finish = spec.stopped_by_max_tokens               ? "length"
                       : spec.output_tokens == 0 && spec.tool_calls > 0 ? "tool_calls"
                                                                         : "stop";
  std::string tail = chat_chunk(spec, chat_choice(Json::object(), finish), nullptr);
  tail += chat_chunk(spec, Json::array(), chat_usage(spec));
  tail += sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
