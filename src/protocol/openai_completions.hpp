// The `openai-completions` protocol: the legacy /v1/completions stream, spoken by OpenAI and by
// OpenAI-compatible servers (vLLM, llama.cpp): `choices[0].text` chunks, usage with
// stream_options.include_usage, then `data: [DONE]` (the framing of docs/protocols.md ("openai-chat")).
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class OpenAiCompletionsAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "openai-completions"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

}  // namespace ttft::protocol
