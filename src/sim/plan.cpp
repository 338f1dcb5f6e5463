// Decides each simulated request up front: overrides, body, fault, frames and their send times.
#include "sim/plan.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/fault_plan.hpp"

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

std::int64_t text_bytes(const json& content) {
  if (content.is_string()) return static_cast<std::int64_t>(content.get_ref<const std::string&>().size());
  std::int64_t total = 0;
  if (content.is_array()) {
    for (const auto& part : content) {
      if (part.is_string()) total += text_bytes(part);
      if (part.is_object() && part.contains("text")) total += text_bytes(part["text"]);
    }
  }
  return total;
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

// The text of one chat message: "content" (a string or parts), else AI SDK 5's "parts".
std::int64_t message_bytes(const json& message) {
  if (!message.is_object()) return 0;
  if (const auto content = message.find("content"); content != message.end()) return text_bytes(*content);
  if (const auto parts = message.find("parts"); parts != message.end()) return text_bytes(*parts);
  return 0;
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

}  // namespace

Result<Overrides> parse_overrides(const HeaderLookup& header) {
  Overrides o;
  auto first = number_header(header, "x-sim-first-event-ms", 600'000);
  auto tokens = number_header(header, "x-sim-tokens", 1'000'000);
  auto interval = number_header(header, "x-sim-token-interval-ms", 60'000);
  auto stall = number_header(header, "x-sim-stall-ms", 120'000);
  auto cold = cold_header(header);
  auto fault = fault_header(header);
  for (const Error* error : {first ? nullptr : &first.error(), tokens ? nullptr : &tokens.error(),
                             interval ? nullptr : &interval.error(), stall ? nullptr : &stall.error(),
                             cold ? nullptr : &cold.error(), fault ? nullptr : &fault.error()}) {
    if (error != nullptr) return tl::unexpected(*error);
  }
  if (*tokens && std::floor(**tokens) != **tokens) {
    return fail("x-sim-tokens", "x-sim-tokens must be a whole number");
  }
  o.first_event_ms = *first;
  if (*tokens) o.tokens = static_cast<std::int64_t>(**tokens);
  o.token_interval_ms = *interval;
  o.stall_ms = *stall;
  o.cold = *cold;
  o.fault = *fault;
  return o;
}

Result<RequestBody> parse_request_body(std::string_view body) {
  RequestBody out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return fail("", "request body is not valid JSON");
  if (!j.is_object()) return fail("", "request body must be a JSON object");
  // Chat messages (OpenAI, Anthropic, Workers AI, Ollama, the AI SDK), Responses' "input" (a
  // string or messages), Gemini's "contents" of parts.
  for (const char* key : {"messages", "input", "contents"}) {
    const auto it = j.find(key);
    if (it == j.end()) continue;
    if (it->is_string()) out.input_chars += text_bytes(*it);
    if (!it->is_array()) continue;
    for (const auto& message : *it) out.input_chars += message_bytes(message);
  }
  for (const char* key : {"system", "prompt"}) {
    if (const auto it = j.find(key); it != j.end()) out.input_chars += text_bytes(*it);
  }
  if (const auto it = j.find("systemInstruction"); it != j.end()) out.input_chars += message_bytes(*it);
  auto max_tokens = max_tokens_of(j);
  if (!max_tokens) return tl::unexpected(max_tokens.error());
  out.max_tokens = *max_tokens;
  if (const auto it = j.find("model"); it != j.end() && it->is_string()) out.model = it->get<std::string>();
  return out;
}

StreamPlan make_stream_plan(const PlanInput& input, const Profile& profile, Rng& rng) {
  StreamPlan plan;
  plan.protocol = input.protocol;
  plan.fault = input.fault;
  plan.cold = input.overrides.cold.value_or(input.cold_by_idle);
  StreamSpec& spec = plan.spec;
  spec.input_tokens = input_tokens_for_chars(input.body.input_chars);
  const std::int64_t requested = input.overrides.tokens.value_or(profile.output_tokens);
  const auto max_tokens = input.body.max_tokens;
  spec.output_tokens = max_tokens ? std::min(requested, *max_tokens) : requested;
  spec.stopped_by_max_tokens = max_tokens && *max_tokens < requested;
  spec.id = stream_id(input.protocol, input.sequence);
  spec.model = input.body.model.empty() ? "sim-" + profile.name : input.body.model;
  plan.frames = emit_stream(plan.protocol, spec);

  const double first_ms = input.overrides.first_event_ms
                              ? *input.overrides.first_event_ms
                              : first_event_delay_ms(profile, spec.input_tokens, plan.cold, rng);
  std::int64_t last_slot = plan.frames.empty() ? 0 : plan.frames.back().slot;
  last_slot = std::max(last_slot, spec.output_tokens + 1);  // room for a fault's extra slot
  plan.slot_offsets_ns.push_back(ms_to_ns(first_ms));
  for (std::int64_t slot = 1; slot <= last_slot; ++slot) {
    const auto& fixed_ms = input.overrides.token_interval_ms;
    const double step_ms = fixed_ms ? *fixed_ms : token_interval_ms(profile, rng);
    plan.slot_offsets_ns.push_back(plan.slot_offsets_ns.back() + ms_to_ns(step_ms));
  }
  apply_fault(plan, input.overrides);
  return plan;
}

}  // namespace ttft::sim
