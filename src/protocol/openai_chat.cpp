// The `openai-chat` adapter: builds the chat-completions streaming body and reads
// chat.completion.chunk events. Pure; one instance per request.
#include "protocol/openai_chat.hpp"

#include "protocol/adapter_json.hpp"
#include "protocol/llama_cpp.hpp"
#include "protocol/openai_chunk_scan.hpp"
#include "protocol/tools.hpp"

namespace ttft::protocol {

nlohmann::ordered_json openai_chat_body(const Workload& workload) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!workload.model.empty()) body["model"] = workload.model;
  body["messages"] = messages_json(workload.messages, /*with_system=*/true);
  body["max_tokens"] = workload.max_tokens;
  body["stream"] = workload.stream;
  // Without include_usage the stream carries no token counts (openapi.yaml,
  // ChatCompletionStreamOptions).
  if (workload.stream) body["stream_options"] = {{"include_usage", true}};
  add_openai_tools(body, workload, /*with_choice=*/true);
  return body;
}

std::string OpenAiChatAdapter::build_body(const Workload& workload) const {
  return finish_body(openai_chat_body(workload), workload.extra_body);
}

std::optional<std::string> openai_error(const nlohmann::json& chunk) {
  // openai-python raises when data.get("error") is truthy, so null, false, "" and {} are not
  // errors.
  const auto it = chunk.find("error");
  if (it == chunk.end() || it->is_null() || (it->is_structured() && it->empty()) ||
      (it->is_boolean() && !it->get<bool>())) {
    return std::nullopt;
  }
  if (it->is_string()) {
    if (it->get_ref<const std::string&>().empty()) return std::nullopt;
    return it->get<std::string>();
  }
  if (it->is_object()) {
    if (const std::string* message = find_string(*it, "message"); message && !message->empty()) {
      return *message;
    }
  }
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// A call's piece: {"index", "id", "function": {"name", "arguments"}}; the index keys the call
// (the id comes only with its first piece).
ToolCallDelta openai_tool_piece(const nlohmann::json& function, std::string key) {
  ToolCallDelta piece;
  piece.key = std::move(key);
  if (const std::string* name = find_string(function, "name")) piece.name = *name;
  if (const std::string* arguments = find_string(function, "arguments")) piece.arguments = *arguments;
  return piece;
}

void read_openai_tool_calls(const nlohmann::json& delta, EventMeaning& meaning) {
  if (const nlohmann::json* function_call = find_object(delta, "function_call")) {
    meaning.tool_call_deltas.push_back(openai_tool_piece(*function_call, "function_call"));
  }
  const auto calls = delta.find("tool_calls");
  if (calls == delta.end() || !calls->is_array()) return;
  for (std::size_t i = 0; i < calls->size(); ++i) {
    const nlohmann::json& call = (*calls)[i];
    if (!call.is_object()) continue;
    const auto index = find_count(call, "index");
    const nlohmann::json* function = find_object(call, "function");
    static const nlohmann::json kNone = nlohmann::json::object();
    meaning.tool_call_deltas.push_back(
        openai_tool_piece(function ? *function : kNone, std::to_string(index.value_or(static_cast<std::int64_t>(i)))));
  }
}

}  // namespace

void read_openai_chunk(const nlohmann::json& chunk, EventMeaning& meaning) {
  const auto choices = chunk.find("choices");
  if (choices != chunk.end() && choices->is_array() && !choices->empty()) {
    if ((*choices)[0].is_object()) {
      if (const std::string* reason = find_string((*choices)[0], "finish_reason")) meaning.finish_reason = *reason;
    }
    // The role-only first chunk ({"role":"assistant","content":""}) and the finish chunk
    // ({}) carry no text, so they are events but never the first token.
    if (const nlohmann::json* delta = find_object((*choices)[0], "delta")) {
      if (const std::string* content = find_string(*delta, "content")) meaning.text += *content;
      // DeepSeek/vLLM/Workers AI send "reasoning_content"; OpenRouter and Ollama "reasoning".
      if (const std::string* reasoning = find_string(*delta, "reasoning_content")) {
        meaning.reasoning += *reasoning;
      } else if (const std::string* alt = find_string(*delta, "reasoning")) {
        meaning.reasoning += *alt;
      }
      // A tool call streams in "tool_calls" (the legacy shape: a "function_call" object).
      const nlohmann::json* function_call = find_object(*delta, "function_call");
      if (has_non_empty_array(*delta, "tool_calls") || (function_call && !function_call->empty())) {
        meaning.tool_call = true;
        read_openai_tool_calls(*delta, meaning);
      }
    }
  }
  // usage is null on every chunk but one with include_usage; Cloudflare and llama.cpp put it on
  // the finish chunk, OpenAI on a chunk with choices: [] (docs/protocols.md ("openai-chat")).
  // prompt_tokens includes the cached tokens, completion_tokens the reasoning tokens (CompletionUsage).
  if (const nlohmann::json* usage = find_object(chunk, "usage")) {
    if (auto prompt = find_count(*usage, "prompt_tokens")) meaning.input_tokens = prompt;
    if (auto completion = find_count(*usage, "completion_tokens")) {
      meaning.output_tokens = completion;
    }
    if (auto cached = find_nested_count(*usage, "prompt_tokens_details", "cached_tokens")) {
      meaning.cached_input_tokens = cached;
    }
    if (auto reasoning = find_nested_count(*usage, "completion_tokens_details", "reasoning_tokens")) {
      meaning.reasoning_tokens = reasoning;
    }
  }
  // llama.cpp's OpenAI-compatible server adds its `timings` to the finish chunk (docs/protocols.md ("openai-chat")).
  if (auto timings = read_llama_timings(chunk)) meaning.server_timings = std::move(timings);
}

std::optional<nlohmann::json> open_openai_style_event(const Event& event, EventMeaning& meaning,
                                                      bool done_marker_allowed) {
  if (done_marker_allowed && is_done_marker(event.data)) {
    meaning.end_of_stream = true;
    return std::nullopt;
  }
  nlohmann::json chunk;
  if (!parse_json_object(event.data, chunk)) {
    meaning.protocol_error = not_json_message(event.data);
    return std::nullopt;
  }
  // An error chunk may have choices: [] too (OpenRouter); it is an error, never usage.
  if (auto error = openai_error(chunk)) {
    meaning.error = std::move(error);
    return std::nullopt;
  }
  return chunk;
}

EventMeaning OpenAiChatAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  // The common chunk is read without a DOM (nlohmann's parse was ~90% of the time in bench/parsers);
  // whatever the scanner is unsure of falls through to the full reader below.
  if (reading_ == json_scan::JsonReading::scanner_first && !is_done_marker(event.data) &&
      scan_openai_chunk(event.data, ChunkDialect::openai_chat, meaning)) {
    return meaning;
  }
  if (const auto chunk = open_openai_style_event(event, meaning, /*done_marker_allowed=*/true)) {
    read_openai_chunk(*chunk, meaning);
  }
  return meaning;
}

}  // namespace ttft::protocol
