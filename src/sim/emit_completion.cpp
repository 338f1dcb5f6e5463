// Non-streaming responses: the one JSON body each provider documents for a request without
// streaming (docs/simulator.md ("Non-streaming responses")), with the same text and usage the
// stream would have carried. Pure: bytes only.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

struct Answer {
  std::string text;
  std::string reasoning;
  std::int64_t output = 0;  // usage's output count: answer plus reasoning tokens
  bool capped = false;      // stopped by the output cap
};

Answer answer_of(const StreamSpec& spec) {
  Answer answer;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) answer.text += token_text(spec, i);
  for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) answer.reasoning += reasoning_text(i);
  answer.output = reported_output_tokens(spec);
  answer.capped = spec.stopped_by_max_tokens;
  return answer;
}

Json openai_usage(const StreamSpec& spec, const Answer& a) {
  Json usage{{"prompt_tokens", spec.input_tokens}, {"completion_tokens", a.output},
             {"total_tokens", spec.input_tokens + a.output}};
  usage["prompt_tokens_details"] = Json{{"cached_tokens", spec.cached_input_tokens}};
  usage["completion_tokens_details"] = Json{{"reasoning_tokens", spec.reasoning_tokens}};
  return usage;
}

// openai-python types/chat/chat_completion.py.
Json openai_chat(const StreamSpec& spec, const Answer& a) {
  Json message{{"role", "assistant"}, {"content", a.text}};
  if (!a.reasoning.empty()) message["reasoning_content"] = a.reasoning;
  Json choice{{"index", 0}, {"message", message}, {"logprobs", nullptr}, {"finish_reason", a.capped ? "length" : "stop"}};
  return Json{{"id", spec.id}, {"object", "chat.completion"}, {"created", kCreatedUnixS}, {"model", spec.model},
              {"choices", Json::array({choice})}, {"usage", openai_usage(spec, a)}};
}

// openai-python types/completion.py.
Json openai_completions(const StreamSpec& spec, const Answer& a) {
  Json choice{{"text", a.text}, {"index", 0}, {"logprobs", nullptr}, {"finish_reason", a.capped ? "length" : "stop"}};
  return Json{{"id", spec.id}, {"object", "text_completion"}, {"created", kCreatedUnixS}, {"model", spec.model},
              {"choices", Json::array({choice})}, {"usage", openai_usage(spec, a)}};
}

// openai-python types/responses/response.py: output items, then usage with its details.
Json openai_responses(const StreamSpec& spec, const Answer& a) {
  Json output = Json::array();
  if (!a.reasoning.empty()) {
    output.push_back(Json{{"id", "rs_sim"}, {"type", "reasoning"},
                          {"summary", Json::array({Json{{"type", "summary_text"}, {"text", a.reasoning}}})}});
  }
  const Json text{{"type", "output_text"}, {"text", a.text}, {"annotations", Json::array()}};
  output.push_back(Json{{"id", "msg_sim"}, {"type", "message"}, {"status", "completed"}, {"role", "assistant"},
                        {"content", Json::array({text})}});
  const Json usage{{"input_tokens", spec.input_tokens},
                   {"input_tokens_details", Json{{"cached_tokens", spec.cached_input_tokens}}},
                   {"output_tokens", a.output},
                   {"output_tokens_details", Json{{"reasoning_tokens", spec.reasoning_tokens}}},
                   {"total_tokens", spec.input_tokens + a.output}};
  Json incomplete = a.capped ? Json{{"reason", "max_output_tokens"}} : Json(nullptr);
  return Json{{"id", spec.id}, {"object", "response"}, {"created_at", kCreatedUnixS},
              {"status", a.capped ? "incomplete" : "completed"}, {"error", nullptr},
              {"incomplete_details", incomplete}, {"model", spec.model}, {"output", output}, {"usage", usage}};
}

// anthropic-sdk-python types/message.py; the input counters are billed apart.
Json anthropic(const StreamSpec& spec, const Answer& a) {
  Json content = Json::array();
  if (!a.reasoning.empty()) content.push_back(Json{{"type", "thinking"}, {"thinking", a.reasoning}, {"signature", "sim"}});
  content.push_back(Json{{"type", "text"}, {"text", a.text}});
  const Json usage{{"input_tokens", spec.input_tokens - spec.cached_input_tokens - spec.cache_write_tokens},
                   {"cache_creation_input_tokens", spec.cache_write_tokens},
                   {"cache_read_input_tokens", spec.cached_input_tokens},
                   {"output_tokens", a.output}};
  return Json{{"id", spec.id}, {"type", "message"}, {"role", "assistant"}, {"model", spec.model},
              {"content", content}, {"stop_reason", a.capped ? "max_tokens" : "end_turn"},
              {"stop_sequence", nullptr}, {"usage", usage}};
}

// Cloudflare's v4 envelope around the native text-generation result.
Json workers_ai(const StreamSpec& spec, const Answer& a) {
  const Json usage{{"prompt_tokens", spec.input_tokens}, {"completion_tokens", a.output},
                   {"total_tokens", spec.input_tokens + a.output}};
  return Json{{"result", Json{{"response", a.text}, {"usage", usage}}}, {"success", true},
              {"errors", Json::array()}, {"messages", Json::array()}};
}

// generateContent's GenerateContentResponse: one candidate with every part.
Json gemini(const StreamSpec& spec, const Answer& a) {
  Json parts = Json::array();
  if (!a.reasoning.empty()) parts.push_back(Json{{"text", a.reasoning}, {"thought", true}});
  parts.push_back(Json{{"text", a.text}});
  const Json candidate{{"content", Json{{"parts", parts}, {"role", "model"}}},
                       {"finishReason", a.capped ? "MAX_TOKENS" : "STOP"}, {"index", 0}};
  Json usage{{"promptTokenCount", spec.input_tokens}};
  if (spec.cached_input_tokens > 0) usage["cachedContentTokenCount"] = spec.cached_input_tokens;
  usage["candidatesTokenCount"] = spec.output_tokens;
  usage["totalTokenCount"] = spec.input_tokens + a.output;
  if (spec.reasoning_tokens > 0) usage["thoughtsTokenCount"] = spec.reasoning_tokens;
  return Json{{"candidates", Json::array({candidate})}, {"usageMetadata", usage}, {"modelVersion", spec.model},
              {"responseId", spec.id}};
}

// Ollama /api/chat with "stream": false: the final object with the whole message.
Json ollama(const StreamSpec& spec, const Answer& a) {
  Json message{{"role", "assistant"}, {"content", a.text}};
  if (!a.reasoning.empty()) message["thinking"] = a.reasoning;
  return Json{{"model", spec.model}, {"created_at", "2026-01-01T00:00:00Z"}, {"message", message},
              {"done_reason", a.capped ? "length" : "stop"}, {"done", true},
              {"prompt_eval_count", spec.input_tokens}, {"eval_count", a.output}};
}

// llama.cpp /completion with "stream": false.
Json llama_cpp(const StreamSpec& spec, const Answer& a) {
  return Json{{"content", a.text}, {"id_slot", 0}, {"stop", true}, {"model", spec.model},
              {"tokens_predicted", a.output}, {"tokens_evaluated", spec.input_tokens},
              {"stop_type", a.capped ? "limit" : "eos"}};
}

}  // namespace

bool has_completion(Protocol protocol) {
  switch (protocol) {
    case Protocol::kVercelUi:
    case Protocol::kVercelData:
    case Protocol::kText:
    case Protocol::kSse: return false;
    default: return true;
  }
}

std::string emit_completion(Protocol protocol, const StreamSpec& spec) {
  const Answer a = answer_of(spec);
  switch (protocol) {
    case Protocol::kOpenAiChat: return openai_chat(spec, a).dump();
    case Protocol::kOpenAiCompletions: return openai_completions(spec, a).dump();
    case Protocol::kOpenAiResponses: return openai_responses(spec, a).dump();
    case Protocol::kAnthropic: return anthropic(spec, a).dump();
    case Protocol::kWorkersAi: return workers_ai(spec, a).dump();
    case Protocol::kGemini: return gemini(spec, a).dump();
    case Protocol::kOllama: return ollama(spec, a).dump();
    case Protocol::kLlamaCpp: return llama_cpp(spec, a).dump();
    default: return {};
  }
}

}  // namespace ttft::sim
