// llama.cpp server's native /completion stream (docs/protocols.md ("llama-cpp")): `data: {"content": …,
// "stop": false}` per token with running counts, then a stop:true event with the counts and
// timings, and no [DONE] (that is only written on the OpenAI-compatible endpoints).
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// Nominal server-side timings for the final event, in milliseconds per token.
constexpr double kPromptMsPerToken = 0.25;
constexpr double kPredictedMsPerToken = 10.0;

Json timings(const StreamSpec& spec) {
  const auto prompt_n = static_cast<double>(spec.input_tokens);
  const auto predicted_n = static_cast<double>(spec.output_tokens);
  return Json{{"prompt_n", spec.input_tokens},
              {"prompt_ms", prompt_n * kPromptMsPerToken},
              {"prompt_per_token_ms", kPromptMsPerToken},
              {"prompt_per_second", 1000.0 / kPromptMsPerToken},
              {"predicted_n", spec.output_tokens},
              {"predicted_ms", predicted_n * kPredictedMsPerToken},
              {"predicted_per_token_ms", kPredictedMsPerToken},
              {"predicted_per_second", 1000.0 / kPredictedMsPerToken}};
}

}  // namespace

std::vector<Frame> llama_cpp_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const Json event{{"index", 0},          {"content", token_text(spec, i)},
                     {"tokens", Json::array()}, {"stop", false},
                     {"id_slot", 0},        {"tokens_predicted", i + 1},
                     {"tokens_evaluated", spec.input_tokens}};
    frames.push_back({FrameKind::kContent, i, sse_data(event.dump())});
  }
  const Json last{{"index", 0},
                  {"content", ""},
                  {"tokens", Json::array()},
                  {"id_slot", 0},
                  {"stop", true},
                  {"model", spec.model},
                  {"tokens_predicted", spec.output_tokens},
                  {"tokens_evaluated", spec.input_tokens},
                  {"stop_type", spec.stopped_by_max_tokens ? "limit" : "eos"},
                  {"stopping_word", ""},
                  {"tokens_cached", spec.input_tokens + spec.output_tokens},
                  {"timings", timings(spec)}};
  frames.push_back({FrameKind::kTail, spec.output_tokens > 0 ? spec.output_tokens - 1 : 0,
                    sse_data(last.dump())});
  return frames;
}

}  // namespace ttft::sim
