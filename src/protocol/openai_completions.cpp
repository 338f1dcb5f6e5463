// The `openai-completions` adapter: a prompt-string body and text_completion chunks. Pure.
#include "protocol/openai_completions.hpp"

#include <utility>

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"

namespace ttft::protocol {

std::string OpenAiCompletionsAdapter::build_body(const Workload& workload) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!workload.model.empty()) body["model"] = workload.model;
  body["prompt"] = prompt_text(workload.messages);
  body["max_tokens"] = workload.max_tokens;
  body["stream"] = workload.stream;
  if (workload.stream) body["stream_options"] = {{"include_usage", true}};
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning OpenAiCompletionsAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  const auto parsed = open_openai_style_event(event, meaning, /*done_marker_allowed=*/true);
  if (!parsed) return meaning;
  const nlohmann::json& chunk = *parsed;
  // The finish chunk has text "" and a finish_reason; the usage chunk has choices: [].
  const auto choices = chunk.find("choices");
  if (choices != chunk.end() && choices->is_array() && !choices->empty() &&
      (*choices)[0].is_object()) {
    if (const std::string* text = find_string((*choices)[0], "text")) meaning.text = *text;
    if (const std::string* reason = find_string((*choices)[0], "finish_reason")) meaning.finish_reason = *reason;
  }
  if (const nlohmann::json* usage = find_object(chunk, "usage")) {
    meaning.input_tokens = find_count(*usage, "prompt_tokens");
    meaning.output_tokens = find_count(*usage, "completion_tokens");
  }
  return meaning;
}

}  // namespace ttft::protocol
