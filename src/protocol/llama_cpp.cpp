// The `llama-cpp` adapter: /completion request body and its events. Pure.
#include "protocol/llama_cpp.hpp"

#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"

namespace ttft::protocol {
namespace {

// The `error:` field's value: {"code":400,"message":"…","type":"exceed_context_size_error"}.
std::string error_text(std::string_view value) {
  nlohmann::json error;
  if (!parse_json_object(value, error)) return std::string(value);
  const std::string* message = find_string(error, "message");
  if (message == nullptr) return error.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string* type = find_string(error, "type");
  return type != nullptr ? *type + ": " + *message : *message;
}

// Input: tokens_evaluated is the whole prompt (cached tokens included, like OpenAI's
// prompt_tokens); timings.prompt_n counts only the tokens processed now, so cache_n is added
// back, and is the cached part of the input. Output: tokens_predicted, else timings.predicted_n.
// Running counts: the last wins.
void read_counts(const nlohmann::json& event, EventMeaning& meaning) {
  const nlohmann::json* timings = find_object(event, "timings");
  meaning.input_tokens = find_count(event, "tokens_evaluated");
  if (!meaning.input_tokens && timings != nullptr) {
    if (auto processed = find_count(*timings, "prompt_n")) {
      meaning.input_tokens = *processed + find_count(*timings, "cache_n").value_or(0);
    }
  }
  meaning.output_tokens = find_count(event, "tokens_predicted");
  if (!meaning.output_tokens && timings != nullptr) {
    meaning.output_tokens = find_count(*timings, "predicted_n");
  }
  if (timings != nullptr) meaning.cached_input_tokens = find_count(*timings, "cache_n");
}

}  // namespace

std::optional<ServerTimings> read_llama_timings(const nlohmann::json& event) {
  const nlohmann::json* timings = find_object(event, "timings");
  if (timings == nullptr) return std::nullopt;
  const auto to_ns = [](std::optional<double> ms) -> std::optional<Nanos> {
    if (!ms || *ms > 9.0e12) return std::nullopt;  // beyond int64 nanoseconds: not a duration
    return static_cast<Nanos>(std::llround(*ms * static_cast<double>(kNanosPerMs)));
  };
  ServerTimings out;
  out.prompt_eval_ns = to_ns(find_amount(*timings, "prompt_ms"));
  out.eval_ns = to_ns(find_amount(*timings, "predicted_ms"));
  if (out.empty()) return std::nullopt;
  return out;
}

std::string LlamaCppAdapter::build_body(const Workload& workload) const {
  // The native endpoint takes one prompt string and applies no chat template.
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["prompt"] = prompt_text(workload.messages);
  body["n_predict"] = workload.max_tokens;
  body["stream"] = workload.stream;
  return finish_body(std::move(body), workload.extra_body);
}

EventMeaning LlamaCppAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  if (event.type == "error") {  // the `error:` field, delivered by the parser (deliver_field)
    meaning.error = error_text(event.data);
    return meaning;
  }
  // Only the OpenAI-compatible endpoints send [DONE]; a proxy may add one.
  const auto parsed = open_openai_style_event(event, meaning, /*done_marker_allowed=*/true);
  if (!parsed) return meaning;
  const nlohmann::json& chunk = *parsed;
  if (const std::string* content = find_string(chunk, "content")) meaning.text = *content;
  read_counts(chunk, meaning);
  meaning.server_timings = read_llama_timings(chunk);
  const auto stop = chunk.find("stop");
  meaning.end_of_stream = stop != chunk.end() && stop->is_boolean() && stop->get<bool>();
  return meaning;
}

}  // namespace ttft::protocol
