// The `sse` protocol: any Server-Sent Events endpoint. Every event with data is text, so the
// first event is the first token; connection end is the normal end of the stream.
#pragma once

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class GenericSseAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "sse"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
  bool eof_is_normal_end() const override { return true; }
};

}  // namespace ttft::protocol
