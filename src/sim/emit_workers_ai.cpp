// Cloudflare Workers AI native /ai/run stream (docs/protocols.md ("workers-ai")): {"response": token} events
// with opaque "p" padding, a closing {"response":"","usage":…} event, then "data: [DONE]".
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// Deterministic padding whose length varies per event, like the provider's.
std::string padding(std::int64_t index) {
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const auto length = static_cast<std::size_t>((index * 7) % 11 + 1);
  return std::string(kAlphabet.substr(static_cast<std::size_t>(index) % 20, length));
}

}  // namespace

std::vector<Frame> workers_ai_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const Json event{{"response", token_text(spec, i)}, {"p", padding(i)}};
    frames.push_back({FrameKind::kContent, i, sse_data(event.dump())});
  }
  const Json usage{{"prompt_tokens", spec.input_tokens},
                   {"completion_tokens", spec.output_tokens},
                   {"total_tokens", spec.input_tokens + spec.output_tokens}};
  const Json last{{"response", ""}, {"usage", usage}};
  std::string tail = sse_data(last.dump()) + sse_data("[DONE]");
  frames.push_back({FrameKind::kTail, spec.output_tokens > 0 ? spec.output_tokens - 1 : 0,
                    std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
