// Generic SSE stream: one "data: <token>" event per token and no end marker; the end of the
// response is the end of the stream.
#include "sim/emitters.hpp"

namespace ttft::sim {

std::vector<Frame> sse_stream(const StreamSpec& spec) {
  std::vector<Frame> frames;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    frames.push_back({FrameKind::kContent, i, sse_data(token_text(spec, i))});
  }
  return frames;
}

}  // namespace ttft::sim
