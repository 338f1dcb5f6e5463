// OpenAI legacy completions stream (/v1/completions) with stream_options.include_usage: the chat
// framing of docs/protocols.md ("openai-chat") with {"text": …} choices and no role chunk, so the first event
// is the first token.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

std::string chunk(const StreamSpec& spec, Json choices, Json usage) {
  const Json event{{"id", spec.id},       {"object", "text_completion"},
                   {"created", kCreatedUnixS}, {"model", spec.model},
                   {"choices", std::move(choices)}, {"usage", std::move(usage)}};
  return sse_data(event.dump());
}

Json choice(std::string_view text, Json finish_reason) {
  return Json::array({Json{{"text", text},
                           {"index", 0},
                           {"logprobs", nullptr},
                           {"finish_reason", std::move(finish_reason)}}});
}

}  // namespace

std::vector<Frame> openai_completions_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, i, chunk(spec, choice(token_text(spec, i), nullptr), nullptr)});
  }
  const Json usage{{"prompt_tokens", spec.input_tokens},
                   {"completion_tokens", spec.output_tokens},
                   {"total_tokens", spec.input_tokens + spec.output_tokens}};
  std::string tail = chunk(spec, choice("", spec.stopped_by_max_tokens ? "length" : "stop"), nullptr);
  tail += chunk(spec, Json::array(), usage);
  tail += sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, spec.output_tokens > 0 ? spec.output_tokens - 1 : 0,
                    std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
