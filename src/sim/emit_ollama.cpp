// Ollama /api/chat stream (docs/protocols.md ("ollama")): NDJSON, one object per line, no terminator
// line; the done:true object has done_reason, the counts and durations in nanoseconds.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kCreatedAt = "2026-01-01T00:00:00Z";
// Nominal durations for the final object; the simulator's real timing is in its slots.
constexpr std::int64_t kPromptNsPerToken = 250'000;
constexpr std::int64_t kEvalNsPerToken = 10'000'000;
constexpr std::int64_t kLoadNs = 2'100'000;

std::string line(const Json& object) { return object.dump() + "\n"; }

Json message(std::string_view content) { return Json{{"role", "assistant"}, {"content", content}}; }

Json chunk(const StreamSpec& spec, Json message) {
  return Json{{"model", spec.model}, {"created_at", kCreatedAt}, {"message", std::move(message)}, {"done", false}};
}

}  // namespace

std::vector<Frame> ollama_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  // Thinking models stream message.thinking with an empty content first (docs/protocols.md,
  // "ollama").
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
    Json thinking = message("");
    thinking["thinking"] = reasoning_text(i);
    frames.push_back({FrameKind::kReasoning, i, line(chunk(spec, std::move(thinking)))});
  }
  // Ollama sends each call whole, in message.tool_calls with the arguments as an object.
  Json call = message("");
  call["tool_calls"] = Json::array(
      {Json{{"function", Json{{"name", kSimToolName}, {"arguments", Json::parse(kSimToolArguments)}}}}});
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    frames.push_back({FrameKind::kToolCall, spec.reasoning_tokens + k, line(chunk(spec, call))});
  }
  const std::int64_t first = spec.reasoning_tokens + spec.tool_calls;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, first + i, line(chunk(spec, message(token_text(spec, i))))});
  }
  const std::int64_t output = reported_output_tokens(spec);
  const std::int64_t prompt_ns = spec.input_tokens * kPromptNsPerToken;
  const std::int64_t eval_ns = output * kEvalNsPerToken;
  const Json done{{"model", spec.model},
                  {"created_at", kCreatedAt},
                  {"message", message("")},
                  {"done_reason", spec.stopped_by_max_tokens ? "length" : "stop"},
                  {"done", true},
                  {"total_duration", kLoadNs + prompt_ns + eval_ns},
                  {"load_duration", kLoadNs},
                  {"prompt_eval_count", spec.input_tokens},
                  {"prompt_eval_duration", prompt_ns},
                  {"eval_count", output},
                  {"eval_duration", eval_ns}};
  const std::int64_t last_slot = first + spec.output_tokens - 1;
  frames.push_back({FrameKind::kTail, last_slot > 0 ? last_slot : 0, line(done)});
  return frames;
}

}  // namespace ttft::sim
