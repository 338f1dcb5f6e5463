// The `text` protocol: a plain text stream such as the AI SDK's toTextStreamResponse
// (docs/protocols.md ("text")): no framing, no usage, no end marker. Every read is text, the first
// body bytes are the first token, and EOF is the normal end. Reads are not tokens, so output
// tokens are estimated from the text's length.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class PlainTextAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "text"; }
  Framing framing() const override { return Framing::text; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
  bool eof_is_normal_end() const override { return true; }
  bool events_are_tokens() const override { return false; }
};

}  // namespace ttft::protocol
