// The `vercel-data` adapter: AI SDK 4 chat request body and data stream parts. Pure.
#include "protocol/vercel_data.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/vercel_ui.hpp"

namespace ttft::protocol {
namespace {

// A part's value is JSON.stringify output; text, reasoning and error values are JSON strings.
std::optional<std::string> json_string(std::string_view value) {
  const nlohmann::json parsed =
      nlohmann::json::parse(value.begin(), value.end(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_string()) return std::nullopt;
  return parsed.get<std::string>();
}

// usage {promptTokens, completionTokens}; the client parser turns a non-number into NaN, which
// the server wrote as null: such a count is absent (data-stream-parts.ts).
void read_usage(std::string_view value, EventMeaning& meaning) {
  nlohmann::json finish;
  if (!parse_json_object(value, finish)) return;
  if (const nlohmann::json* usage = find_object(finish, "usage")) {
    meaning.input_tokens = find_count(*usage, "promptTokens");
    meaning.output_tokens = find_count(*usage, "completionTokens");
  }
}

}  // namespace

std::string VercelDataAdapter::build_body(const Workload& workload) const {
  return finish_body(ai_sdk_chat_body(workload, /*with_content=*/true), workload.extra_body);
}

EventMeaning VercelDataAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  const std::string_view line = event.data;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    meaning.protocol_error = "not a data stream part: " + preview(line);
    return meaning;
  }
  const std::string_view code = line.substr(0, colon);
  const std::string_view value = line.substr(colon + 1);
  if (code == "0" || code == "g" || code == "3") {
    auto text = json_string(value);
    if (!text) {
      meaning.protocol_error = not_json_message(line);
    } else if (code == "0") {
      meaning.text = std::move(*text);
    } else if (code == "g") {
      meaning.reasoning = std::move(*text);
    } else {
      meaning.error = text->empty() ? std::string("error part") : std::move(*text);
    }
  } else if (code == "9" || code == "b" || code == "c") {
    meaning.tool_call = true;  // tool_call, tool_call_streaming_start, tool_call_delta
  } else if (code == "e" || code == "d") {
    // e: a step's usage, d: the message's; with several steps the d total comes last and wins.
    read_usage(value, meaning);
    meaning.end_of_stream = code == "d";
  }
  // Every other code (tool results, sources, data, annotations, start_step …) is no answer.
  return meaning;
}

}  // namespace ttft::protocol
