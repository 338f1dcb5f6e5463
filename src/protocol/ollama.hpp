// The `ollama` protocol: POST /api/chat, an NDJSON stream (docs/protocols.md ("ollama")): one JSON
// object per line, message.content text and message.thinking reasoning, the last object with
// "done": true and the counts prompt_eval_count / eval_count; errors as {"error": "..."}.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class OllamaAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "ollama"; }
  Framing framing() const override { return Framing::ndjson; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

}  // namespace ttft::protocol
