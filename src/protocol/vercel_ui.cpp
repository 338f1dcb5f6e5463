// The `vercel-ui` adapter: AI SDK 5 chat request body and UI message stream parts. Pure.
#include "protocol/vercel_ui.hpp"

#include <utility>

#include "protocol/adapter_json.hpp"

namespace ttft::protocol {
namespace {

// Token counts an app may put in messageMetadata (on start, finish or message-metadata parts):
// the AI SDK's LanguageModelUsage names (reasoningTokens and cachedInputTokens included), under
// "usage" or at the top, or the v4 names.
void read_metadata_usage(const nlohmann::json& part, EventMeaning& meaning) {
  const nlohmann::json* metadata = find_object(part, "messageMetadata");
  if (metadata == nullptr) return;
  const nlohmann::json* usage = find_object(*metadata, "usage");
  const nlohmann::json& counts = usage != nullptr ? *usage : *metadata;
  for (const char* key : {"inputTokens", "promptTokens"}) {
    if (auto tokens = find_count(counts, key)) meaning.input_tokens = tokens;
  }
  for (const char* key : {"outputTokens", "completionTokens"}) {
    if (auto tokens = find_count(counts, key)) meaning.output_tokens = tokens;
  }
  if (auto tokens = find_count(counts, "reasoningTokens")) meaning.reasoning_tokens = tokens;
  if (auto tokens = find_count(counts, "cachedInputTokens")) meaning.cached_input_tokens = tokens;
}

// tool-input-start names the call, -delta brings inputTextDelta, -available the whole input;
// toolCallId keys them.
ToolCallDelta tool_input_piece(std::string_view type, const nlohmann::json& part) {
  ToolCallDelta piece;
  if (const std::string* id = find_string(part, "toolCallId")) piece.key = "id:" + *id;
  if (const std::string* name = find_string(part, "toolName")) piece.name = *name;
  if (type == "tool-input-delta") {
    if (const std::string* text = find_string(part, "inputTextDelta")) piece.arguments = *text;
  } else if (type == "tool-input-available") {
    if (const auto input = part.find("input"); input != part.end()) piece.arguments = json_text(*input);
    piece.whole = true;
  }
  return piece;
}

}  // namespace

nlohmann::ordered_json ai_sdk_chat_body(const Workload& workload, bool with_content) {
  nlohmann::ordered_json messages = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < workload.messages.size(); ++i) {
    const Message& message = workload.messages[i];
    nlohmann::ordered_json entry{{"id", "m" + std::to_string(i + 1)}, {"role", message.role}};
    if (with_content) entry["content"] = message.content;
    entry["parts"] = nlohmann::ordered_json::array({{{"type", "text"}, {"text", message.content}}});
    messages.push_back(std::move(entry));
  }
  nlohmann::ordered_json body{{"id", "ttftbench"}};
  if (!workload.model.empty()) body["model"] = workload.model;
  body["messages"] = std::move(messages);
  if (!with_content) body["trigger"] = "submit-message";
  return body;
}

std::string VercelUiAdapter::build_body(const Workload& workload) const {
  return finish_body(ai_sdk_chat_body(workload, /*with_content=*/false), workload.extra_body);
}

EventMeaning VercelUiAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  // json-to-sse-transform-stream.ts writes `data: [DONE]` when the stream is flushed.
  if (is_done_marker(event.data)) {
    meaning.end_of_stream = true;
    return meaning;
  }
  nlohmann::json part;
  if (!parse_json_object(event.data, part)) {
    meaning.protocol_error = not_json_message(event.data);
    return meaning;
  }
  const std::string* type = find_string(part, "type");
  if (type == nullptr) return meaning;
  if (*type == "text-delta") {
    if (const std::string* delta = find_string(part, "delta")) meaning.text = *delta;
  } else if (*type == "reasoning-delta") {
    if (const std::string* delta = find_string(part, "delta")) meaning.reasoning = *delta;
  } else if (*type == "tool-input-start" || *type == "tool-input-delta" ||
             *type == "tool-input-available") {
    meaning.tool_call = true;
    meaning.tool_call_deltas.push_back(tool_input_piece(*type, part));
  } else if (*type == "error") {
    const std::string* text = find_string(part, "errorText");
    meaning.error = text != nullptr ? *text : std::string("error part without errorText");
  } else if (*type == "abort") {
    const std::string* reason = find_string(part, "reason");
    meaning.error = reason != nullptr ? "aborted: " + *reason : std::string("aborted");
  } else {
    read_metadata_usage(part, meaning);  // start, finish, message-metadata
  }
  return meaning;
}

}  // namespace ttft::protocol
