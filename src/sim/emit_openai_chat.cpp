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
  const std::int64_t first = 1 + spec.reasoning_tokens;  // the first answer token's slot
  const TokenEventTemplate content(chat_chunk(spec, chat_choice(Json{{"content", kTokenSlot}}, nullptr), nullptr));
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, first + i, content.render(token_text(spec, i))});
  }
  std::string tail = chat_chunk(spec, chat_choice(Json::object(), spec.stopped_by_max_tokens ? "length" : "stop"),
                           nullptr);
  tail += chat_chunk(spec, Json::array(), chat_usage(spec));
  tail += sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
