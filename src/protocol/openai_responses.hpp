// The `openai-responses` protocol: the Responses API stream (docs/protocols.md ("openai-responses")). Typed
// events (`event:` equals the JSON's "type"), text in response.output_text.delta, usage only in
// the terminal response.completed / incomplete / failed, and no [DONE].
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class OpenAiResponsesAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "openai-responses"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

}  // namespace ttft::protocol
