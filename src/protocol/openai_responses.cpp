// The `openai-responses` adapter: an `input` body and Responses stream events. Pure.
#include "protocol/openai_responses.hpp"

#include <utility>

#include "protocol/adapter_json.hpp"
#include "protocol/tools.hpp"

namespace ttft::protocol {
namespace {

// "code: message", from either error shape (docs/protocols.md ("openai-responses")): the OpenAPI ResponseErrorEvent
// puts code/message at the top level, the recorded wire nests them in "error". response.failed
// carries the same pair in response.error.
std::string error_text(const nlohmann::json& payload) {
  const nlohmann::json* error = find_object(payload, "error");
  const nlohmann::json& fields = error != nullptr ? *error : payload;
  const std::string* message = find_string(fields, "message");
  if (message == nullptr) {
    return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  const std::string* code = find_string(fields, "code");
  // At the top level "type" is the event's own type, not the error's.
  if (code == nullptr && error != nullptr) code = find_string(fields, "type");
  return code != nullptr && !code->empty() ? *code + ": " + *message : *message;
}

// response.usage of a terminal event: input_tokens includes cached tokens and output_tokens
// includes reasoning tokens (ResponseUsage); input_tokens_details may also count cache writes.
void read_usage(const nlohmann::json& response, EventMeaning& meaning) {
  if (const nlohmann::json* usage = find_object(response, "usage")) {
    meaning.input_tokens = find_count(*usage, "input_tokens");
    meaning.output_tokens = find_count(*usage, "output_tokens");
    meaning.cached_input_tokens = find_nested_count(*usage, "input_tokens_details", "cached_tokens");
    meaning.cache_write_tokens = find_nested_count(*usage, "input_tokens_details", "cache_write_tokens");
    meaning.reasoning_tokens = find_nested_count(*usage, "output_tokens_details", "reasoning_tokens");
  }
}

// A tool call's events: an output item of a "*_call" type (function_call, web_search_call, …)
// being added, and the deltas of its arguments or input
// (response.function_call_arguments.delta, response.custom_tool_call_input.delta, …).
bool is_tool_call_event(std::string_view type, const nlohmann::json& payload) {
  if (type == "response.output_item.added") {
    const nlohmann::json* item = find_object(payload, "item");
    const std::string* item_type = item != nullptr ? find_string(*item, "type") : nullptr;
    return item_type != nullptr && item_type->ends_with("_call");
  }
  return type.starts_with("response.") && type.ends_with(".delta") &&
         type.find("_call") != std::string_view::npos;
}

// A call's piece: output_item.added names it (item.name), the .delta events bring its arguments
// (delta), the .done events all of them (arguments or input); output_index keys them.
ToolCallDelta tool_call_piece(std::string_view type, const nlohmann::json& payload) {
  ToolCallDelta piece;
  if (auto index = find_count(payload, "output_index")) piece.key = std::to_string(*index);
  const nlohmann::json* item = find_object(payload, "item");
  if (const std::string* name = item != nullptr ? find_string(*item, "name") : find_string(payload, "name")) {
    piece.name = *name;
  }
  if (type.ends_with(".delta")) {
    if (const std::string* delta = find_string(payload, "delta")) piece.arguments = *delta;
  } else if (type.ends_with(".done")) {
    const std::string* all = find_string(payload, "arguments");
    if (all == nullptr) all = find_string(payload, "input");
    if (all != nullptr) piece.arguments = *all;
  }
  return piece;
}

}  // namespace

std::string OpenAiResponsesAdapter::build_body(const Workload& workload) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!workload.model.empty()) body["model"] = workload.model;
  // `input` takes the chat messages as they are, system role included.
  body["input"] = messages_json(workload.messages, /*with_system=*/true);
  body["max_output_tokens"] = workload.max_tokens;
  body["stream"] = workload.stream;
  add_responses_tools(body, workload);
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning OpenAiResponsesAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  // No [DONE] is sent, but a proxy that appends one has still ended the stream.
  if (is_done_marker(event.data)) {
    meaning.end_of_stream = true;
    return meaning;
  }
  auto typed = open_typed_event(event, meaning);
  if (!typed) return meaning;
  const nlohmann::json& payload = typed->payload;
  const std::string_view type = typed->type;
  if (type == "response.output_text.delta") {
    if (const std::string* delta = find_string(payload, "delta")) meaning.text = *delta;
  } else if (type == "response.reasoning_summary_text.delta" ||
             type == "response.reasoning_text.delta") {
    if (const std::string* delta = find_string(payload, "delta")) meaning.reasoning = *delta;
  } else if (type == "response.completed" || type == "response.incomplete") {
    if (const nlohmann::json* response = find_object(payload, "response")) {
      read_usage(*response, meaning);
      // The Response's status ("completed", "incomplete") is its finish reason.
      if (const std::string* status = find_string(*response, "status")) meaning.finish_reason = *status;
    }
    meaning.end_of_stream = true;
  } else if (type == "response.failed") {
    const nlohmann::json* response = find_object(payload, "response");
    if (response != nullptr) read_usage(*response, meaning);
    const bool has_error = response != nullptr && find_object(*response, "error") != nullptr;
    meaning.error = has_error ? error_text(*response) : std::string("response.failed");
  } else if (type == "error" || event.type == "error") {
    meaning.error = error_text(payload);
  } else if (is_tool_call_event(type, payload)) {
    meaning.tool_call = true;
    meaning.tool_call_deltas.push_back(tool_call_piece(type, payload));
  } else if (type.ends_with("_call_arguments.done") || type.ends_with("_call_input.done")) {
    ToolCallDelta whole = tool_call_piece(type, payload);
    whole.whole = true;
    meaning.tool_call_deltas.push_back(std::move(whole));
  }
  return meaning;
}

}  // namespace ttft::protocol
