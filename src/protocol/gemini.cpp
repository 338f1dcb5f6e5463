// The `gemini` adapter: generateContent request body and GenerateContentResponse chunks. Pure.
#include "protocol/gemini.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/tools.hpp"

namespace ttft::protocol {
namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson text_parts(const std::string& text) {
  return OrderedJson::array({OrderedJson{{"text", text}}});
}

// candidates[0].content.parts[]: text parts, thought parts as reasoning, functionCall parts as a
// tool call. A thought part may carry only a thoughtSignature and empty text: no token.
void read_parts(const nlohmann::json& candidate, EventMeaning& meaning) {
  const nlohmann::json* content = find_object(candidate, "content");
  if (content == nullptr) return;
  const auto parts = content->find("parts");
  if (parts == content->end() || !parts->is_array()) return;
  for (const nlohmann::json& part : *parts) {
    if (!part.is_object()) continue;
    if (const nlohmann::json* call = find_object(part, "functionCall")) {
      meaning.tool_call = true;
      meaning.tool_call_deltas.push_back(whole_tool_call(find_string(*call, "name"), find_object(*call, "args")));
    }
    const std::string* text = find_string(part, "text");
    if (text == nullptr) continue;
    const auto thought = part.find("thought");
    const bool is_thought = thought != part.end() && thought->is_boolean() && thought->get<bool>();
    (is_thought ? meaning.reasoning : meaning.text) += *text;
  }
}

// usageMetadata is a running total on every chunk (last wins); billable output is candidates
// plus thoughts (totalTokenCount = prompt + candidates + thoughts in the recorded fixture), and
// promptTokenCount includes cachedContentTokenCount.
void read_usage(const nlohmann::json& chunk, EventMeaning& meaning) {
  const nlohmann::json* usage = find_object(chunk, "usageMetadata");
  if (usage == nullptr) return;
  meaning.input_tokens = find_count(*usage, "promptTokenCount");
  const auto candidates = find_count(*usage, "candidatesTokenCount");
  const auto thoughts = find_count(*usage, "thoughtsTokenCount");
  if (candidates || thoughts) meaning.output_tokens = candidates.value_or(0) + thoughts.value_or(0);
  meaning.reasoning_tokens = thoughts;
  meaning.cached_input_tokens = find_count(*usage, "cachedContentTokenCount");
}

}  // namespace

std::string GeminiAdapter::build_body(const Workload& workload) const {
  // The model is in the URL; system messages become systemInstruction, "assistant" is "model".
  OrderedJson contents = OrderedJson::array();
  std::string system;
  bool has_system = false;
  for (const Message& message : workload.messages) {
    if (message.role == "system") {
      system += (has_system ? "\n\n" : "") + message.content;
      has_system = true;
      continue;
    }
    const char* role = message.role == "assistant" ? "model" : "user";
    contents.push_back(OrderedJson{{"role", role}, {"parts", text_parts(message.content)}});
  }
  OrderedJson body{{"contents", std::move(contents)}};
  if (has_system) body["systemInstruction"] = OrderedJson{{"parts", text_parts(system)}};
  body["generationConfig"] = OrderedJson{{"maxOutputTokens", workload.max_tokens}};
  add_gemini_tools(body, workload);
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning GeminiAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  // No [DONE] on Gemini; Google's error envelope {"error":{"code","message","status"}} inside a
  // 200 stream reads like OpenAI's.
  const auto parsed = open_openai_style_event(event, meaning, /*done_marker_allowed=*/false);
  if (!parsed) return meaning;
  const nlohmann::json& chunk = *parsed;
  // A blocked prompt: 200, promptFeedback.blockReason and no candidates (docs/protocols.md ("gemini")).
  if (const nlohmann::json* feedback = find_object(chunk, "promptFeedback")) {
    if (const std::string* reason = find_string(*feedback, "blockReason")) {
      meaning.error = "prompt blocked: " + *reason;
      return meaning;
    }
  }
  const auto candidates = chunk.find("candidates");
  if (candidates != chunk.end() && candidates->is_array() && !candidates->empty() &&
      (*candidates)[0].is_object()) {
    const nlohmann::json& candidate = (*candidates)[0];
    read_parts(candidate, meaning);
    if (const std::string* reason = find_string(candidate, "finishReason"); reason && !reason->empty()) {
      finish_reason_seen_ = true;
      meaning.finish_reason = *reason;
    }
  }
  read_usage(chunk, meaning);
  return meaning;
}

}  // namespace ttft::protocol
