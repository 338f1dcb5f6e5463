// The `gemini` protocol: streamGenerateContent?alt=sse (docs/protocols.md ("gemini")). Each event is
// a whole GenerateContentResponse (CRLF line ends); parts with thought:true are reasoning;
// usageMetadata holds running totals; there is no end marker, so EOF ends the stream, but only
// after a candidate's finishReason: a stream that stops before one was cut.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class GeminiAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "gemini"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
  bool eof_is_normal_end() const override { return finish_reason_seen_; }

 private:
  bool finish_reason_seen_ = false;
};

}  // namespace ttft::protocol
