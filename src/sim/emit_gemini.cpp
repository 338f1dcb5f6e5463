// Gemini streamGenerateContent?alt=sse (docs/protocols.md ("gemini")): each event is a whole
// GenerateContentResponse with CRLF line ends, usageMetadata holds running totals, the last
// candidate carries finishReason, and the stream simply ends (no [DONE]). Reasoning comes as
// thought parts before the answer.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// Running totals: `sent` answer tokens and `thoughts` reasoning tokens so far.
struct Counts {
  std::int64_t sent = 0;
  std::int64_t thoughts = 0;
};

Json usage_metadata(const StreamSpec& spec, Counts counts) {
  Json usage{{"promptTokenCount", spec.input_tokens}};
  if (spec.cached_input_tokens > 0) usage["cachedContentTokenCount"] = spec.cached_input_tokens;
  usage["candidatesTokenCount"] = counts.sent;
  usage["totalTokenCount"] = spec.input_tokens + counts.sent + counts.thoughts;
  if (spec.reasoning_tokens > 0) usage["thoughtsTokenCount"] = counts.thoughts;
  return usage;
}

// `finish` is "" until the last chunk.
std::string chunk(const StreamSpec& spec, Json part, Counts counts, std::string_view finish) {
  Json candidate{{"content", Json{{"parts", Json::array({std::move(part)})}, {"role", "model"}}}};
  if (!finish.empty()) candidate["finishReason"] = finish;
  candidate["index"] = 0;
  const Json response{{"candidates", Json::array({candidate})},
                      {"usageMetadata", usage_metadata(spec, counts)},
                      {"modelVersion", spec.model},
                      {"responseId", spec.id}};
  // Google and Vertex end SSE lines with CRLF (nyro#265).
  return "data: " + response.dump() + "\r\n\r\n";
}

Json gemini_text_part(std::string_view text) { return Json{{"text", text}}; }

}  // namespace

std::vector<Frame> gemini_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  const std::string_view finish = spec.stopped_by_max_tokens ? "MAX_TOKENS" : "STOP";
  const std::int64_t thoughts = spec.reasoning_tokens;
  for (std::int64_t i = 0; i < thoughts; ++i) {
    frames.push_back({FrameKind::kReasoning, i,
                      chunk(spec, Json{{"text", reasoning_text(i)}, {"thought", true}}, {0, i + 1}, "")});
  }
  // Gemini sends each call whole: one functionCall part per chunk; a stream of calls only ends
  // with the last one's finishReason.
  const Json call{{"functionCall", Json{{"name", kSimToolName}, {"args", Json::parse(kSimToolArguments)}}}};
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    const bool last = k + 1 == spec.tool_calls && spec.output_tokens == 0;
    frames.push_back({FrameKind::kToolCall, thoughts + k, chunk(spec, call, {0, thoughts}, last ? finish : "")});
  }
  const std::int64_t first = thoughts + spec.tool_calls;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const bool last = i + 1 == spec.output_tokens;
    frames.push_back({FrameKind::kContent, first + i,
                      chunk(spec, gemini_text_part(token_text(spec, i)), {i + 1, thoughts}, last ? finish : "")});
  }
  if (spec.output_tokens == 0 && spec.tool_calls == 0) {
    frames.push_back({FrameKind::kTail, thoughts > 0 ? thoughts - 1 : 0, chunk(spec, gemini_text_part(""), {0, thoughts}, finish)});
  }
  return frames;
}

}  // namespace ttft::sim
