// Decides each simulated request up front: overrides, body, fault, frames and their send times.
#include "sim/plan.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/check.hpp"
#include "sim/fault_plan.hpp"
#include "sim/quiz.hpp"

namespace ttft::sim {

namespace {

using nlohmann::json;

Nanos ms_to_ns(double ms) { return static_cast<Nanos>(std::llround(ms * 1e6)); }

// A header holding a number in [0, max]; nullopt when the header is absent.
Result<std::optional<double>> number_header(const HeaderLookup& header, std::string_view name,
                                            double max) {
  const auto text = header(name);
  if (!text) return std::optional<double>{};
  double value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0 || value > max) {
    return fail(std::string(name), fmt::format("{} must be a number from 0 to {}, got \"{}\"", name,
                                               max, *text));
  }
  return std::optional<double>{value};
}

// A header holding a whole number in [0, max]; nullopt when the header is absent.
Result<std::optional<std::int64_t>> count_header(const HeaderLookup& header, std::string_view name,
                                                 double max) {
  auto number = number_header(header, name, max);
  if (!number) return tl::unexpected(number.error());
  if (!*number) return std::optional<std::int64_t>{};
  if (std::floor(**number) != **number) {
    return fail(std::string(name), fmt::format("{} must be a whole number", name));
  }
  return std::optional<std::int64_t>{static_cast<std::int64_t>(**number)};
}

Result<std::optional<int>> status_header(const HeaderLookup& header) {
  auto status = count_header(header, "x-sim-status", 599);
  if (!status) return tl::unexpected(status.error());
  if (*status && **status < 400) {
    return fail("x-sim-status", fmt::format("x-sim-status must be an HTTP error status from 400 to 599, got {}", **status));
  }
  return *status ? std::optional<int>{static_cast<int>(**status)} : std::optional<int>{};
}

Result<std::optional<bool>> cold_header(const HeaderLookup& header) {
  const auto text = header("x-sim-cold");
  if (!text) return std::optional<bool>{};
  if (*text == "1" || *text == "true") return std::optional<bool>{true};
  if (*text == "0" || *text == "false") return std::optional<bool>{false};
  return fail("x-sim-cold", fmt::format("x-sim-cold must be 1 or 0, got \"{}\"", *text));
}

Result<std::optional<Fault>> fault_header(const HeaderLookup& header) {
  const auto text = header("x-sim-fault");
  if (!text) return std::optional<Fault>{};
  const auto fault = parse_fault(*text);
  if (!fault) {
    return fail("x-sim-fault",
                fmt::format("unknown x-sim-fault \"{}\"; known: {}", *text, fault_names_list()));
  }
  return std::optional<Fault>{*fault};
}

// The text of `content`: a string, or the "text" of each part of an array, joined.
std::string plain_text(const json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string out;
  if (!content.is_array()) return out;
  for (const auto& part : content) {
    if (part.is_string()) out += part.get_ref<const std::string&>();
    if (part.is_object() && part.contains("text")) out += plain_text(part["text"]);
  }
  return out;
}

// Adds the text of `content` to the body's input characters and, up to kPromptHeadBytes, to its
// prompt head; returns that text.
std::string add_text(const json& content, RequestBody& out) {
  std::string text = plain_text(content);
  out.input_chars += static_cast<std::int64_t>(text.size());
  const std::size_t room = kPromptHeadBytes - std::min(kPromptHeadBytes, out.prompt_head.size());
  out.prompt_head.append(text, 0, room);
  return text;
}

// The output cap under each provider's name: OpenAI chat/completions (max_tokens,
// max_completion_tokens), Responses (max_output_tokens), llama.cpp (n_predict), Ollama
// (options.num_predict), Gemini (generationConfig.maxOutputTokens). llama.cpp and Ollama take a
// negative value as "no limit".
Result<std::optional<std::int64_t>> max_tokens_of(const json& j) {
  struct Key {
    const char* parent;  // nullptr: top level
    const char* name;
    bool negative_is_unlimited;
  };
  constexpr Key kKeys[] = {{nullptr, "max_tokens", false},       {nullptr, "max_completion_tokens", false},
                           {nullptr, "max_output_tokens", false}, {nullptr, "n_predict", true},
                           {"options", "num_predict", true},      {"generationConfig", "maxOutputTokens", false}};
  for (const Key& key : kKeys) {
    const json* scope = &j;
    if (key.parent != nullptr) {
      const auto parent = j.find(key.parent);
      if (parent == j.end() || !parent->is_object()) continue;
      scope = &*parent;
    }
    const auto it = scope->find(key.name);
    if (it == scope->end() || it->is_null()) continue;
    if (it->is_number_integer() && it->get<std::int64_t>() < 0 && key.negative_is_unlimited) continue;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
      return fail(key.name, fmt::format("{} must be a non-negative integer, got {}", key.name, it->dump()));
    }
    return std::optional<std::int64_t>{it->get<std::int64_t>()};
  }
  return std::optional<std::int64_t>{};
}

// The text of one chat message: "content" (a string or parts), else AI SDK 5's "parts". A user
// message's text becomes the body's last user text.
void add_message(const json& message, RequestBody& out) {
  if (!message.is_object()) return;
  std::string text;
  if (const auto content = message.find("content"); content != message.end()) {
    text = add_text(*content, out);
  } else if (const auto parts = message.find("parts"); parts != message.end()) {
    text = add_text(*parts, out);
  }
  const auto role = message.find("role");
  if (role != message.end() && role->is_string() && role->get_ref<const std::string&>() == "user") {
    out.last_user_text = std::move(text);
  }
}

// A quiz question's answer as tokens (a word each, its leading space kept): the right one, or the
// wrong one with probability profile.wrong_answer_rate. Any other prompt: none, and no draw, so
// every other request's stream and timing stay as they were.
std::vector<std::string> quiz_answer_tokens(std::string_view user_text, const Profile& profile, Rng& rng) {
  const QuizQuestion* quiz = find_quiz_question(user_text);
  if (quiz == nullptr) return {};
  const bool wrong = profile.wrong_answer_rate > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < profile.wrong_answer_rate;
  const std::string_view answer = wrong ? quiz->wrong : quiz->right;
  std::vector<std::string> tokens;
  for (std::size_t start = 0; start < answer.size();) {
    const std::size_t space = answer.find(' ', start + 1);
    const std::size_t end = space == std::string_view::npos ? answer.size() : space;
    tokens.emplace_back(answer.substr(start, end - start));
    start = end;
  }
  return tokens;
}

// Where a reasoning phase sits in a plan: the slots of the first reasoning frame and of the
// first answer frame (-1 when there is none).
struct ReasoningSlots {
  std::int64_t first_reasoning = -1;
  std::int64_t first_answer = -1;
};

ReasoningSlots reasoning_slots(const std::vector<Frame>& frames) {
  ReasoningSlots slots;
  for (const Frame& frame : frames) {
    if (frame.kind == FrameKind::kReasoning && slots.first_reasoning < 0) slots.first_reasoning = frame.slot;
    const bool answer = frame.kind == FrameKind::kContent || frame.kind == FrameKind::kToolCall;
    if (answer && slots.first_answer < 0) slots.first_answer = frame.slot;
  }
  return slots;
}

// The message id in each provider's own style.
std::string stream_id(Protocol protocol, std::uint64_t sequence) {
  switch (protocol) {
    case Protocol::kAnthropic: return fmt::format("msg_sim{:06d}", sequence);
    case Protocol::kOpenAiResponses: return fmt::format("resp_sim{:06d}", sequence);
    case Protocol::kOpenAiCompletions: return fmt::format("cmpl-sim-{:06d}", sequence);
    case Protocol::kVercelUi:
    case Protocol::kVercelData: return fmt::format("msg-sim{:06d}", sequence);
    case Protocol::kGemini: return fmt::format("sim-{:06d}", sequence);
    default: return fmt::format("chatcmpl-sim-{:06d}", sequence);
  }
}

// The headers of reasoning, prompt caches, error statuses and tool calls (docs/simulator.md).
Result<void> parse_model_overrides(const HeaderLookup& header, Overrides& o) {
  auto reasoning = count_header(header, "x-sim-reasoning-tokens", 1'000'000);
  auto reasoning_ms = number_header(header, "x-sim-reasoning-ms", 600'000);
  auto cached = count_header(header, "x-sim-cached-tokens", 1'000'000);
  auto written = count_header(header, "x-sim-cache-write-tokens", 1'000'000);
  auto status = status_header(header);
  auto tool_calls = count_header(header, "x-sim-tool-calls", 100);
  for (const Error* error : {reasoning ? nullptr : &reasoning.error(), reasoning_ms ? nullptr : &reasoning_ms.error(),
                             cached ? nullptr : &cached.error(), written ? nullptr : &written.error(),
                             status ? nullptr : &status.error(), tool_calls ? nullptr : &tool_calls.error()}) {
    if (error != nullptr) return tl::unexpected(*error);
  }
  o.reasoning_tokens = *reasoning;
  o.reasoning_ms = *reasoning_ms;
  o.cached_tokens = *cached;
  o.cache_write_tokens = *written;
  o.status = *status;
  o.tool_calls = *tool_calls;
  return {};
}

}  // namespace

Result<Overrides> parse_overrides(const HeaderLookup& header) {
  Overrides o;
  auto first = number_header(header, "x-sim-first-event-ms", 600'000);
  auto tokens = count_header(header, "x-sim-tokens", 1'000'000);
  auto interval = number_header(header, "x-sim-token-interval-ms", 60'000);
  auto stall = number_header(header, "x-sim-stall-ms", 120'000);
  auto cold = cold_header(header);
  auto fault = fault_header(header);
  for (const Error* error : {first ? nullptr : &first.error(), tokens ? nullptr : &tokens.error(),
                             interval ? nullptr : &interval.error(), stall ? nullptr : &stall.error(),
                             cold ? nullptr : &cold.error(), fault ? nullptr : &fault.error()}) {
    if (error != nullptr) return tl::unexpected(*error);
  }
  o.first_event_ms = *first;
  o.tokens = *tokens;
  o.token_interval_ms = *interval;
  o.stall_ms = *stall;
  o.cold = *cold;
  o.fault = *fault;
  if (auto model = parse_model_overrides(header, o); !model) return tl::unexpected(model.error());
  return o;
}

Result<RequestBody> parse_request_body(std::string_view body) {
  RequestBody out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return fail("", "request body is not valid JSON");
  if (!j.is_object()) return fail("", "request body must be a JSON object");
  // In prompt order: the system prompt (Anthropic's "system", Gemini's "systemInstruction"),
  // chat messages (OpenAI, Anthropic, Workers AI, Ollama, the AI SDK), Responses' "input" (a
  // string or messages), Gemini's "contents" of parts, then a completion's "prompt".
  if (const auto it = j.find("system"); it != j.end()) add_text(*it, out);
  if (const auto it = j.find("systemInstruction"); it != j.end()) add_message(*it, out);
  for (const char* key : {"messages", "input", "contents"}) {
    const auto it = j.find(key);
    if (it == j.end()) continue;
    if (it->is_string()) out.last_user_text = add_text(*it, out);
    if (!it->is_array()) continue;
    for (const auto& message : *it) add_message(message, out);
  }
  if (const auto it = j.find("prompt"); it != j.end()) out.last_user_text = add_text(*it, out);
  auto max_tokens = max_tokens_of(j);
  if (!max_tokens) return tl::unexpected(max_tokens.error());
  out.max_tokens = *max_tokens;
  if (const auto it = j.find("model"); it != j.end() && it->is_string()) out.model = it->get<std::string>();
  if (const auto it = j.find("stream"); it != j.end() && it->is_boolean()) out.stream = it->get<bool>();
  return out;
}

StreamPlan make_stream_plan(const PlanInput& input, const Profile& profile, Rng& rng) {
  StreamPlan plan;
  plan.protocol = input.protocol;
  plan.fault = input.fault;
  plan.cold = input.overrides.cold.value_or(input.cold_by_idle);
  StreamSpec& spec = plan.spec;
  spec.input_tokens = input_tokens_for_chars(input.body.input_chars);
  spec.answer_tokens = quiz_answer_tokens(input.body.last_user_text, profile, rng);
  const std::int64_t requested = spec.answer_tokens.empty() ? input.overrides.tokens.value_or(profile.output_tokens)
                                                            : static_cast<std::int64_t>(spec.answer_tokens.size());
  const auto max_tokens = input.body.max_tokens;
  spec.output_tokens = max_tokens ? std::min(requested, *max_tokens) : requested;
  spec.stopped_by_max_tokens = max_tokens && *max_tokens < requested;
  spec.id = stream_id(input.protocol, input.sequence);
  spec.model = input.body.model.empty() ? "sim-" + profile.name : input.body.model;
  const Overrides& o = input.overrides;
  spec.reasoning_tokens = o.reasoning_tokens.value_or(profile.reasoning_tokens);
  // x-sim-reasoning-ms alone asks for a reasoning phase: one reasoning token lasting that long.
  if (spec.reasoning_tokens == 0 && !o.reasoning_tokens && o.reasoning_ms && *o.reasoning_ms > 0) {
    spec.reasoning_tokens = 1;
  }
  // The cached and written parts are parts of the prompt: never more than all of it.
  spec.cached_input_tokens = std::min(o.cached_tokens.value_or(profile.cached_input_tokens), spec.input_tokens);
  spec.cache_write_tokens = std::min(o.cache_write_tokens.value_or(profile.cache_write_tokens),
                                     spec.input_tokens - spec.cached_input_tokens);
  spec.tool_calls = o.tool_calls.value_or(profile.tool_calls);
  plan.frames = emit_stream(plan.protocol, spec);

  const double first_ms = o.first_event_ms ? *o.first_event_ms
                                           : first_event_delay_ms(profile, spec.input_tokens, plan.cold, rng);
  std::int64_t last_slot = plan.frames.empty() ? 0 : plan.frames.back().slot;
  // Room for a fault's extra slot.
  const auto tool_frames = std::count_if(plan.frames.begin(), plan.frames.end(),
                                         [](const Frame& frame) { return frame.kind == FrameKind::kToolCall; });
  last_slot = std::max(last_slot, spec.output_tokens + spec.reasoning_tokens + tool_frames + 1);
  // With a reasoning time, the slots from the first reasoning delta to the first answer token
  // share it evenly; every other slot is one decode interval.
  const ReasoningSlots reasoning = reasoning_slots(plan.frames);
  const auto reasoning_ms = o.reasoning_ms ? o.reasoning_ms : profile.reasoning_ms;
  const bool timed_reasoning = reasoning_ms && reasoning.first_reasoning >= 0 &&
                               reasoning.first_answer > reasoning.first_reasoning;
  plan.slot_offsets_ns.push_back(ms_to_ns(first_ms));
  for (std::int64_t slot = 1; slot <= last_slot; ++slot) {
    double step_ms = 0;
    if (timed_reasoning && slot > reasoning.first_reasoning && slot <= reasoning.first_answer) {
      step_ms = *reasoning_ms / static_cast<double>(reasoning.first_answer - reasoning.first_reasoning);
    } else {
      step_ms = o.token_interval_ms ? *o.token_interval_ms : token_interval_ms(profile, rng);
    }
    plan.slot_offsets_ns.push_back(plan.slot_offsets_ns.back() + ms_to_ns(step_ms));
  }
  if (!input.body.stream && has_completion(plan.protocol)) {
    // The whole answer leaves when the stream's last event would have: after the first-event
    // delay and the decode time. No mid-stream fault applies (docs/simulator.md ("Non-streaming responses")).
    const std::int64_t end_slot = plan.frames.empty() ? 0 : plan.frames.back().slot;
    plan.frames = {Frame{FrameKind::kTail, end_slot, emit_completion(plan.protocol, spec)}};
    plan.whole = true;
    return plan;
  }
  apply_fault(plan, input.overrides);
  return plan;
}

StreamPlan make_embeddings_plan(const PlanInput& input, const Profile& profile, Rng& rng) {
  TTFT_CHECK(input.embeddings.has_value(), "an embeddings plan needs an embeddings request");
  const EmbeddingsRequestBody& request = *input.embeddings;
  StreamPlan plan;
  plan.protocol = input.protocol;
  plan.cold = input.overrides.cold.value_or(input.cold_by_idle);
  plan.spec.input_tokens = embeddings_input_tokens(request.inputs);
  plan.spec.model = request.model.empty() ? "sim-" + profile.name : request.model;
  const double first_ms = input.overrides.first_event_ms
                              ? *input.overrides.first_event_ms
                              : first_event_delay_ms(profile, plan.spec.input_tokens, plan.cold, rng);
  const Nanos first_ns = ms_to_ns(first_ms);
  plan.slot_offsets_ns = {first_ns};
  const std::int64_t dimensions = request.dimensions.value_or(profile.embedding_dimensions);
  plan.frames = {Frame{FrameKind::kTail, 0, emit_embeddings(request, dimensions, plan.spec.model, first_ns)}};
  plan.whole = true;
  plan.vectors = static_cast<std::int64_t>(request.inputs.size());
  plan.dimensions = dimensions;
  return plan;
}

}  // namespace ttft::sim
