// The `workers-ai` protocol: Cloudflare Workers AI native /ai/run/{model} streaming
// (protocols.md section 5.1), where the model is in the URL, not the body.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class WorkersAiAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "workers-ai"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

}  // namespace ttft::protocol
