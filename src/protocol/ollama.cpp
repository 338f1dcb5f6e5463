// The `ollama` adapter: /api/chat request body and its NDJSON objects. Pure. The final object's
// nanosecond durations (load_duration, prompt_eval_duration, …) become the server timings.
#include "protocol/ollama.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/tools.hpp"

namespace ttft::protocol {
namespace {

// "All durations are returned in nanoseconds" (https://github.com/ollama/ollama/blob/main/docs/api.md, Conventions).
std::optional<ServerTimings> read_durations(const nlohmann::json& object) {
  ServerTimings timings;
  timings.total_ns = find_count(object, "total_duration");
  timings.load_ns = find_count(object, "load_duration");
  timings.prompt_eval_ns = find_count(object, "prompt_eval_duration");
  timings.eval_ns = find_count(object, "eval_duration");
  if (timings.empty()) return std::nullopt;
  return timings;
}

}  // namespace

std::string OllamaAdapter::build_body(const Workload& workload) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!workload.model.empty()) body["model"] = workload.model;
  body["messages"] = messages_json(workload.messages, /*with_system=*/true);
  body["stream"] = workload.stream;
  body["options"] = {{"num_predict", workload.max_tokens}};
  add_openai_tools(body, workload, /*with_choice=*/false);
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning OllamaAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  nlohmann::json object;
  if (!parse_json_object(event.data, object)) {
    meaning.protocol_error = not_json_message(event.data);
    return meaning;
  }
  if (auto error = openai_error(object)) {  // {"error":"…"}, a string
    meaning.error = std::move(error);
    return meaning;
  }
  if (const nlohmann::json* message = find_object(object, "message")) {
    if (const std::string* content = find_string(*message, "content")) meaning.text = *content;
    if (const std::string* thinking = find_string(*message, "thinking")) {
      meaning.reasoning = *thinking;
    }
    if (has_non_empty_array(*message, "tool_calls")) {
      meaning.tool_call = true;
      for (const nlohmann::json& call : (*message)["tool_calls"]) {
        const nlohmann::json* function = call.is_object() ? find_object(call, "function") : nullptr;
        if (function == nullptr) continue;
        meaning.tool_call_deltas.push_back(
            whole_tool_call(find_string(*function, "name"), find_object(*function, "arguments")));
      }
    }
  } else {
    // /api/generate streams the same objects with "response" and "thinking" at the top.
    if (const std::string* response = find_string(object, "response")) meaning.text = *response;
    if (const std::string* thinking = find_string(object, "thinking")) meaning.reasoning = *thinking;
  }
  const auto done = object.find("done");
  if (done != object.end() && done->is_boolean() && done->get<bool>()) {
    meaning.input_tokens = find_count(object, "prompt_eval_count");
    meaning.output_tokens = find_count(object, "eval_count");
    meaning.server_timings = read_durations(object);
    if (const std::string* reason = find_string(object, "done_reason")) meaning.finish_reason = *reason;
    meaning.end_of_stream = true;
  }
  return meaning;
}

}  // namespace ttft::protocol
