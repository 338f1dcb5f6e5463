// The `llama-cpp` protocol: llama.cpp server's native /completion stream (docs/protocols.md ("llama-cpp")):
// SSE `data:` events with "content", the last one with "stop": true and the counts, no
// [DONE]; stream errors come in a non-standard `error:` SSE field, which a spec parser drops.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class LlamaCppAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "llama-cpp"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
  std::string_view extra_sse_field() const override { return "error"; }
};

/// llama.cpp's `timings` object (native and OpenAI-compatible endpoints): prompt_ms and
/// predicted_ms as server timings; nullopt when the event has neither.
std::optional<ServerTimings> read_llama_timings(const nlohmann::json& event);

}  // namespace ttft::protocol
