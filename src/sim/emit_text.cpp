// Plain text stream, as the AI SDK's toTextStreamResponse sends it (docs/protocols.md ("text")): the
// tokens' bytes and nothing else; the end of the response is the end of the stream.
#include "sim/emitters.hpp"

namespace ttft::sim {

std::vector<Frame> text_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, i, std::string(token_text(spec, i))});
  }
  return frames;
}

}  // namespace ttft::sim
