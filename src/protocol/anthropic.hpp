// The `anthropic` protocol: Messages API streaming events (docs/protocols.md ("anthropic")).
// Keeps the input-token counters of the stream, since they arrive in two events.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "protocol/adapter.hpp"
#include "protocol/json_scan.hpp"

namespace ttft::protocol {

/// True for the content block types that are a tool call: tool_use, server_tool_use, mcp_tool_use.
bool is_tool_use_block(std::string_view type);

class AnthropicAdapter final : public Adapter {
 public:
  /// `full_parser` reads every event with nlohmann: the reference the fast path is tested against.
  explicit AnthropicAdapter(json_scan::JsonReading reading = json_scan::JsonReading::scanner_first)
      : reading_(reading) {}
  std::string_view name() const override { return "anthropic"; }
  std::string build_body(const Workload& workload) const override;
  std::vector<std::pair<std::string, std::string>> default_headers() const override;
  EventMeaning interpret(const Event& event) override;

 private:
  void read_usage(const nlohmann::json& usage, EventMeaning& meaning);

  json_scan::JsonReading reading_;

  // Billed separately, reported as one input count: base input, cache writes, cache reads.
  std::optional<std::int64_t> input_tokens_;
  std::optional<std::int64_t> cache_creation_tokens_;
  std::optional<std::int64_t> cache_read_tokens_;
};

}  // namespace ttft::protocol
