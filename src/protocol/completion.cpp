// Reads the one JSON body of a non-streaming chat response per protocol (docs/protocols.md
// ("Non-streaming requests")), reusing the stream adapters where the body has a chunk's shape.
// Pure: never reads a clock.
#include "protocol/completion.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/anthropic.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/openai_responses.hpp"
#include "protocol/workers_ai.hpp"

namespace ttft::protocol {
namespace {

using Json = nlohmann::json;
using json_scan::JsonReading;

EventMeaning protocol_error(std::string text) {
  EventMeaning meaning;
  meaning.protocol_error = std::move(text);
  return meaning;
}

EventMeaning not_the_shape(std::string_view protocol, std::string_view body) {
  return protocol_error("expected a " + std::string(protocol) + " response, got: " + preview(body));
}

bool has_array(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_array();
}

// A chat.completion's choices[0].message holds the fields a chunk's choices[0].delta streams.
Json as_chunk(Json body) {
  const auto choices = body.find("choices");
  if (choices == body.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) return body;
  Json& choice = (*choices)[0];
  if (const Json* message = find_object(choice, "message")) choice["delta"] = *message;
  return body;
}

EventMeaning read_openai_chat(std::string_view body, const Json& json) {
  EventMeaning meaning;
  if (auto error = openai_error(json)) {
    meaning.error = std::move(error);
  } else if (!has_array(json, "choices")) {
    return not_the_shape("openai-chat", body);
  } else {
    read_openai_chunk(as_chunk(json), meaning);
  }
  return meaning;
}

// The response's output items: message content (output_text), reasoning summaries and text,
// and "*_call" items (tool calls).
void read_responses_output(const Json& output, EventMeaning& meaning) {
  for (const Json& item : output) {
    const std::string* type = item.is_object() ? find_string(item, "type") : nullptr;
    if (type == nullptr) continue;
    if (type->ends_with("_call")) meaning.tool_call = true;
    const bool reasoning = *type == "reasoning";
    for (const char* list : {"content", "summary"}) {
      if (!has_array(item, list)) continue;
      for (const Json& part : item[list]) {
        const std::string* text = part.is_object() ? find_string(part, "text") : nullptr;
        if (text != nullptr) (reasoning ? meaning.reasoning : meaning.text) += *text;
      }
    }
  }
}

EventMeaning read_openai_responses(std::string_view body, const Json& json) {
  // The terminal stream events carry this same Response object: the adapter reads its usage and
  // its error from them.
  const std::string* status = find_string(json, "status");
  const bool failed = (status != nullptr && *status == "failed") || find_object(json, "error") != nullptr;
  OpenAiResponsesAdapter adapter;
  if (failed) {
    const Json event = {{"type", "response.failed"}, {"response", json}};
    return adapter.interpret(Event{"response.failed", event.dump()});
  }
  if (!has_array(json, "output")) return not_the_shape("openai-responses", body);
  Json usage_only = {{"type", "response.completed"}, {"response", Json::object()}};
  if (const Json* usage = find_object(json, "usage")) usage_only["response"]["usage"] = *usage;
  if (status != nullptr) usage_only["response"]["status"] = *status;
  EventMeaning meaning = adapter.interpret(Event{"response.completed", usage_only.dump()});
  read_responses_output(json["output"], meaning);
  return meaning;
}

EventMeaning read_anthropic(std::string_view body, const Json& json) {
  AnthropicAdapter adapter(JsonReading::full_parser);
  const std::string* type = find_string(json, "type");
  if (type != nullptr && *type == "error") return adapter.interpret(Event{"error", body});
  if (!has_array(json, "content")) return not_the_shape("anthropic", body);
  // The message's usage is the final message_delta's: the adapter sums the input counts.
  Json delta = {{"type", "message_delta"}};
  if (const Json* usage = find_object(json, "usage")) delta["usage"] = *usage;
  if (const std::string* reason = find_string(json, "stop_reason")) delta["delta"] = {{"stop_reason", *reason}};
  EventMeaning meaning = adapter.interpret(Event{"message_delta", delta.dump()});
  for (const Json& block : json["content"]) {
    const std::string* block_type = block.is_object() ? find_string(block, "type") : nullptr;
    if (block_type == nullptr) continue;
    if (is_tool_use_block(*block_type)) meaning.tool_call = true;
    if (*block_type == "text") {
      if (const std::string* text = find_string(block, "text")) meaning.text += *text;
    } else if (*block_type == "thinking") {
      if (const std::string* thinking = find_string(block, "thinking")) meaning.reasoning += *thinking;
    }
  }
  return meaning;
}

// Cloudflare's envelope {"result": {...}, "success": true, "errors": []}; the result is the
// native {"response", "usage"} or, from newer models, a chat.completion.
EventMeaning read_workers_ai(std::string_view body, const Json& json) {
  WorkersAiAdapter adapter(JsonReading::full_parser);
  EventMeaning meaning = adapter.interpret(Event{"message", body});
  if (meaning.error || meaning.protocol_error) return meaning;
  const Json* result = find_object(json, "result");
  if (result == nullptr) return not_the_shape("workers-ai", body);
  if (const std::string* response = find_string(*result, "response")) meaning.text += *response;
  if (has_non_empty_array(*result, "tool_calls")) meaning.tool_call = true;
  read_openai_chunk(as_chunk(*result), meaning);
  return meaning;
}

// The body has the shape of the protocol's stream chunks: its adapter reads it as one event.
bool chunk_shaped(std::string_view protocol, const Json& json) {
  if (protocol == "openai-completions") return has_array(json, "choices");
  if (protocol == "gemini") {
    return has_array(json, "candidates") || find_object(json, "promptFeedback") || find_object(json, "usageMetadata");
  }
  if (protocol == "ollama") return find_object(json, "message") || find_string(json, "response");
  return find_string(json, "content") != nullptr;  // llama-cpp
}

EventMeaning read_as_one_chunk(std::string_view protocol, std::string_view body, const Json& json) {
  auto adapter = make_adapter(protocol);
  if (!adapter) return protocol_error(adapter.error().message);
  EventMeaning meaning = (*adapter)->interpret(Event{"message", body});
  if (meaning.error || meaning.protocol_error) return meaning;
  if (!chunk_shaped(protocol, json)) return not_the_shape(protocol, body);
  return meaning;
}

}  // namespace

const std::vector<std::string>& completion_protocols() {
  static const std::vector<std::string> names = {"openai-chat", "openai-completions", "openai-responses",
                                                 "anthropic",   "workers-ai",         "gemini",
                                                 "ollama",      "llama-cpp"};
  return names;
}

bool has_completion_form(std::string_view protocol) {
  const auto& names = completion_protocols();
  return std::find(names.begin(), names.end(), protocol) != names.end();
}

Error no_completion_form(std::string_view protocol, std::string where) {
  std::string names;
  for (const std::string& name : completion_protocols()) names += (names.empty() ? "" : ", ") + name;
  return Error{std::move(where), "protocol \"" + std::string(protocol) + "\" has no non-streaming form",
               "\"stream\": false works with " + names};
}

std::string completion_url(std::string_view protocol, std::string_view url) {
  std::string out(url);
  if (protocol != "gemini") return out;
  constexpr std::string_view kStream = ":streamGenerateContent";
  if (const auto at = out.find(kStream); at != std::string::npos) out.replace(at, kStream.size(), ":generateContent");
  const auto query = out.find('?');
  if (query == std::string::npos) return out;
  // Keep every other parameter (?key=...) in its order.
  std::string kept;
  std::string_view rest = std::string_view(out).substr(query + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view param = rest.substr(0, amp);
    if (param != "alt=sse" && !param.empty()) kept += (kept.empty() ? "" : "&") + std::string(param);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  out.resize(query);
  return kept.empty() ? out : out + "?" + kept;
}

EventMeaning parse_completion(std::string_view protocol, std::string_view body) {
  Json json;
  if (!parse_json_object(body, json)) return protocol_error("response body is not a JSON object: " + preview(body));
  EventMeaning meaning;
  if (protocol == "openai-chat") {
    meaning = read_openai_chat(body, json);
  } else if (protocol == "openai-responses") {
    meaning = read_openai_responses(body, json);
  } else if (protocol == "anthropic") {
    meaning = read_anthropic(body, json);
  } else if (protocol == "workers-ai") {
    meaning = read_workers_ai(body, json);
  } else if (has_completion_form(protocol)) {
    meaning = read_as_one_chunk(protocol, body, json);
  } else {
    return protocol_error("protocol \"" + std::string(protocol) + "\" has no non-streaming form");
  }
  // Only a whole, well-formed response is complete; the adapters' own end markers do not apply.
  meaning.end_of_stream = !meaning.error && !meaning.protocol_error;
  return meaning;
}

}  // namespace ttft::protocol
