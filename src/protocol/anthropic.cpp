// The `anthropic` adapter: builds a Messages request body and reads message_start,
// content_block_delta, message_delta, message_stop and error events. Pure.
#include "protocol/anthropic.hpp"

#include <utility>

#include "protocol/adapter_json.hpp"
#include "protocol/anthropic_scan.hpp"
#include "protocol/tools.hpp"

namespace ttft::protocol {
namespace {

// "overloaded_error: Overloaded" from {"type":"error","error":{"type":…,"message":…}}.
std::string message_error_text(const nlohmann::json& payload) {
  if (const nlohmann::json* error = find_object(payload, "error")) {
    const std::string* type = find_string(*error, "type");
    if (const std::string* message = find_string(*error, "message")) {
      return type ? *type + ": " + *message : *message;
    }
  }
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The content block's index keys a tool call's pieces.
std::string block_key(const nlohmann::json& payload) {
  return std::to_string(find_count(payload, "index").value_or(0));
}

void read_delta(const nlohmann::json& payload, EventMeaning& meaning) {
  const nlohmann::json* delta = find_object(payload, "delta");
  if (delta == nullptr) return;
  const std::string* type = find_string(*delta, "type");
  if (type == nullptr) return;
  // signature_delta and input_json_delta are not generated text; input_json_delta is the input
  // of a tool call, which is an answer all the same.
  if (*type == "text_delta") {
    if (const std::string* text = find_string(*delta, "text")) meaning.text = *text;
  } else if (*type == "thinking_delta") {
    if (const std::string* thinking = find_string(*delta, "thinking"))
      meaning.reasoning = *thinking;
  } else if (*type == "input_json_delta") {
    meaning.tool_call = true;
    ToolCallDelta piece;
    piece.key = block_key(payload);
    if (const std::string* json = find_string(*delta, "partial_json")) piece.arguments = *json;
    meaning.tool_call_deltas.push_back(std::move(piece));
  }
}

// content_block_start of a tool call: "tool_use", and the server's own "server_tool_use" and
// "mcp_tool_use" blocks.
void read_block_start(const nlohmann::json& payload, EventMeaning& meaning) {
  const nlohmann::json* block = find_object(payload, "content_block");
  const std::string* type = block != nullptr ? find_string(*block, "type") : nullptr;
  if (type == nullptr || !is_tool_use_block(*type)) return;
  meaning.tool_call = true;
  ToolCallDelta piece;
  piece.key = block_key(payload);
  if (const std::string* name = find_string(*block, "name")) piece.name = *name;
  meaning.tool_call_deltas.push_back(std::move(piece));
}

}  // namespace

bool is_tool_use_block(std::string_view type) { return type.ends_with("tool_use"); }

std::string AnthropicAdapter::build_body(const Workload& workload) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!workload.model.empty()) body["model"] = workload.model;
  body["max_tokens"] = workload.max_tokens;
  body["stream"] = workload.stream;
  body["messages"] = messages_json(workload.messages, /*with_system=*/false);
  // The Messages API takes the system prompt as a top-level field, not as a message.
  std::string system;
  bool has_system = false;
  for (const Message& message : workload.messages) {
    if (message.role != "system") continue;
    if (has_system) system += "\n\n";
    system += message.content;
    has_system = true;
  }
  if (has_system) body["system"] = system;
  add_anthropic_tools(body, workload);
  return finish_body(std::move(body), workload.extra_body);
}

std::vector<std::pair<std::string, std::string>> AnthropicAdapter::default_headers() const {
  return {{"anthropic-version", "2023-06-01"}};
}

void AnthropicAdapter::read_usage(const nlohmann::json& usage, EventMeaning& meaning) {
  bool has_input = false;
  for (auto [key, counter] : {std::pair{"input_tokens", &input_tokens_},
                              std::pair{"cache_creation_input_tokens", &cache_creation_tokens_},
                              std::pair{"cache_read_input_tokens", &cache_read_tokens_}}) {
    if (auto tokens = find_count(usage, key)) {
      *counter = tokens;
      has_input = true;
    }
  }
  // input_tokens is the whole prompt: base input, cache reads and cache writes, which are billed
  // at their own prices from cached_input_tokens and cache_write_tokens (docs/metrics.md).
  if (has_input) {
    meaning.input_tokens = input_tokens_.value_or(0) + cache_creation_tokens_.value_or(0) +
                           cache_read_tokens_.value_or(0);
    meaning.cached_input_tokens = cache_read_tokens_;
    meaning.cache_write_tokens = cache_creation_tokens_;
  }
}

EventMeaning AnthropicAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  // Deltas, pings and the stop are read without a DOM; usage and errors below.
  if (reading_ == json_scan::JsonReading::scanner_first && scan_anthropic_event(event, meaning)) {
    return meaning;
  }
  auto typed = open_typed_event(event, meaning);
  if (!typed) return meaning;
  const nlohmann::json& payload = typed->payload;
  const std::string_view type = typed->type;
  if (type == "error" || event.type == "error") {
    meaning.error = message_error_text(payload);
  } else if (type == "content_block_delta") {
    read_delta(payload, meaning);
  } else if (type == "content_block_start") {
    read_block_start(payload, meaning);
  } else if (type == "message_start") {
    // message_start's output_tokens is a placeholder (1 or 2), not a count: ignore it.
    const nlohmann::json* message = find_object(payload, "message");
    const nlohmann::json* usage = message ? find_object(*message, "usage") : nullptr;
    if (usage) read_usage(*usage, meaning);
  } else if (type == "message_delta") {
    if (const nlohmann::json* delta = find_object(payload, "delta")) {
      if (const std::string* reason = find_string(*delta, "stop_reason")) meaning.finish_reason = *reason;
    }
    // message_delta usage is cumulative (anthropic-sdk-python message_delta_usage.py).
    if (const nlohmann::json* usage = find_object(payload, "usage")) {
      read_usage(*usage, meaning);
      meaning.output_tokens = find_count(*usage, "output_tokens");
    }
  } else if (type == "message_stop") {
    meaning.end_of_stream = true;
  }
  return meaning;
}

}  // namespace ttft::protocol
