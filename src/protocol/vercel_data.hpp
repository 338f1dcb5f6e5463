// The `vercel-data` protocol: the AI SDK 4 data stream (docs/protocols.md ("vercel-data")). Not SSE: one
// part per line, `CODE:JSON`; 0 text, g reasoning, 3 error, e finish_step and d finish_message
// with usage {promptTokens, completionTokens}; d ends the stream.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class VercelDataAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "vercel-data"; }
  Framing framing() const override { return Framing::ndjson; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

}  // namespace ttft::protocol
