// The `workers-ai` adapter: `{"response": "..."}` frames, and OpenAI chunk frames from newer
// models, possibly both in one stream (cloudflare/ai workers-ai-provider streaming.ts).
#include "protocol/workers_ai.hpp"

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/openai_chunk_scan.hpp"

namespace ttft::protocol {

std::optional<std::string> cloudflare_errors(const nlohmann::json& frame) {
  const auto errors = frame.find("errors");
  if (errors == frame.end() || !errors->is_array() || errors->empty()) return std::nullopt;
  std::string joined;
  for (const nlohmann::json& error : *errors) {
    if (!joined.empty()) joined += "; ";
    const std::string* message = error.is_object() ? find_string(error, "message") : nullptr;
    if (message == nullptr) {
      joined += error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      continue;
    }
    if (auto code = find_count(error, "code")) joined += std::to_string(*code) + ": ";
    joined += *message;
  }
  return joined;
}

std::string WorkersAiAdapter::build_body(const Workload& workload) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["messages"] = messages_json(workload.messages, /*with_system=*/true);
  body["max_tokens"] = workload.max_tokens;
  body["stream"] = workload.stream;
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning WorkersAiAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  if (is_done_marker(event.data)) {
    meaning.end_of_stream = true;
    return meaning;
  }
  // The common frame is read without a DOM; the scanner leaves everything else to the code below.
  if (reading_ == json_scan::JsonReading::scanner_first &&
      scan_openai_chunk(event.data, ChunkDialect::workers_ai, meaning)) {
    return meaning;
  }
  nlohmann::json frame;
  if (!parse_json_object(event.data, frame)) {
    meaning.protocol_error = not_json_message(event.data);
    return meaning;
  }
  if (auto error = openai_error(frame)) {
    meaning.error = std::move(error);
    return meaning;
  }
  if (auto errors = cloudflare_errors(frame)) {
    meaning.error = std::move(errors);
    return meaning;
  }
  // A missing or empty "response" is no token: the closing usage frame has "response":"" and
  // some frames carry only tool_calls and the "p" padding.
  if (const std::string* response = find_string(frame, "response")) meaning.text += *response;
  // The native frame's tool calls: an empty list (sent beside every token by some models) is none.
  if (has_non_empty_array(frame, "tool_calls")) meaning.tool_call = true;
  // Newer models answer /ai/run in the OpenAI chunk shape, with cumulative usage on every
  // chunk; the last usage seen wins, whichever shape carried it.
  read_openai_chunk(frame, meaning);
  return meaning;
}

}  // namespace ttft::protocol
