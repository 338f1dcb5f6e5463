// Gemini streamGenerateContent?alt=sse (docs/protocols.md ("gemini")): each event is a whole
// GenerateContentResponse with CRLF line ends, usageMetadata holds running totals, the last
// candidate carries finishReason, and the stream simply ends (no [DONE]).
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// `sent` tokens so far; `finish` is "" until the last chunk.
std::string chunk(const StreamSpec& spec, std::string_view text, std::int64_t sent,
                  std::string_view finish) {
  Json candidate{{"content", Json{{"parts", Json::array({Json{{"text", text}}})}, {"role", "model"}}}};
  if (!finish.empty()) candidate["finishReason"] = finish;
  candidate["index"] = 0;
  const Json usage{{"promptTokenCount", spec.input_tokens},
                   {"candidatesTokenCount", sent},
                   {"totalTokenCount", spec.input_tokens + sent}};
  const Json response{{"candidates", Json::array({candidate})},
                      {"usageMetadata", usage},
                      {"modelVersion", spec.model},
                      {"responseId", spec.id}};
  // Google and Vertex end SSE lines with CRLF (nyro#265).
  return "data: " + response.dump() + "\r\n\r\n";
}

}  // namespace

std::vector<Frame> gemini_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  const std::string_view finish = spec.stopped_by_max_tokens ? "MAX_TOKENS" : "STOP";
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const bool last = i + 1 == spec.output_tokens;
    frames.push_back({FrameKind::kContent, i, chunk(spec, token_text(spec, i), i + 1, last ? finish : "")});
  }
  if (spec.output_tokens == 0) frames.push_back({FrameKind::kTail, 0, chunk(spec, "", 0, finish)});
  return frames;
}

}  // namespace ttft::sim
