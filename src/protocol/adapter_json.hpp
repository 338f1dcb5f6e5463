// JSON helpers shared by the provider adapters: request bodies (with the scenario's extra body
// merged in) and exception-free reading of event payloads. No I/O, no clock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/event.hpp"
#include "protocol/workload.hpp"

namespace ttft::protocol {

/// `[{"role":…,"content":…}, …]`, leaving out system messages when `with_system` is false.
nlohmann::ordered_json messages_json(const std::vector<Message>& messages, bool with_system);

/// The messages' contents joined by a blank line, for endpoints that take one prompt string
/// (/v1/completions, llama.cpp's /completion); roles are not written.
std::string prompt_text(const std::vector<Message>& messages);

/// Merges `extra_body` over `body` (RFC 7396 JSON merge patch: null deletes a key) and dumps it
/// compactly; invalid UTF-8 in strings is written as U+FFFD instead of throwing.
std::string finish_body(nlohmann::ordered_json body, const nlohmann::json& extra_body);

/// True for the `[DONE]` sentinel; a prefix test, as openai-python does.
bool is_done_marker(std::string_view data);

/// Parses `data` without throwing; false (and `out` discarded) when it is not a JSON object.
bool parse_json_object(std::string_view data, nlohmann::json& out);

/// The first 80 bytes of `data`, cut on a character boundary, for error messages.
std::string preview(std::string_view data);

/// "event is not JSON: <preview>".
std::string not_json_message(std::string_view data);

/// An event of a protocol that names its events (Anthropic, OpenAI Responses): the parsed JSON
/// and its type, taken from the JSON "type" (which equals the event name) or else the `event:`
/// line, so a stream without `event:` lines still reads.
struct TypedEvent {
  nlohmann::json payload;
  std::string type;
};

/// The opening such protocols share: data that is not a JSON object is a protocol error, except
/// in an `error` event, whose raw data is the provider's error. Returns the event when the adapter
/// should read on; otherwise `meaning` already says all there is.
std::optional<TypedEvent> open_typed_event(const Event& event, EventMeaning& meaning);

/// The string at `object[key]`, or nullptr when absent or not a string.
const std::string* find_string(const nlohmann::json& object, const char* key);

/// The object at `object[key]`, or nullptr when absent or not an object.
const nlohmann::json* find_object(const nlohmann::json& object, const char* key);

/// The non-negative integer at `object[key]` (integral floats accepted), else nullopt.
std::optional<std::int64_t> find_count(const nlohmann::json& object, const char* key);

/// The count at object[parent][key] (e.g. usage.prompt_tokens_details.cached_tokens), else
/// nullopt (parent absent or not an object, or no count there).
std::optional<std::int64_t> find_nested_count(const nlohmann::json& object, const char* parent,
                                              const char* key);

/// True when `object[key]` is a non-empty array (a tool call list that holds a call).
bool has_non_empty_array(const nlohmann::json& object, const char* key);

/// `value` as compact JSON text (invalid UTF-8 replaced): a whole tool call's arguments.
std::string json_text(const nlohmann::json& value);

/// A tool call delivered whole (Gemini's functionCall, Ollama's tool_calls): a call of its own
/// named `name`, with `arguments` (an object) as its JSON text.
ToolCallDelta whole_tool_call(const std::string* name, const nlohmann::json* arguments);

/// The finite, non-negative number at `object[key]` (integer or not), else nullopt.
std::optional<double> find_amount(const nlohmann::json& object, const char* key);

}  // namespace ttft::protocol
