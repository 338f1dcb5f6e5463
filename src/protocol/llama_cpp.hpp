// The `llama-cpp` protocol: llama.cpp server's native /completion stream (protocols.md section
// 7.3): SSE `data:` events with "content", the last one with "stop": true and the counts, no
// [DONE]; stream errors come in a non-standard `error:` SSE field, which a spec parser drops.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class LlamaCppAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "llama-cpp"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
  std::string_view extra_sse_field() const override { return "error"; }
};

}  // namespace ttft::protocol
