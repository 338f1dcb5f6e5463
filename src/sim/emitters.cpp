// Shared pieces of the stream emitters: the token list, SSE framing, dispatch by protocol, the
// response headers per protocol, and the providers' error bodies and mid-stream error events.
#include "sim/emitters.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// A fixed lorem list: ASCII words, punctuation, an escaped quote and a multi-byte character, so the
// clients' JSON and UTF-8 handling is exercised by every long enough stream.
constexpr std::array<std::string_view, 16> kTokens{
    "Hello", ",", " world", "!",      " This",          " is",   " a",      " simulated",
    " stream", " of", " tokens", " with", " \"quotes\"", " and", " caf\xC3\xA9", "."};

// Reasoning deltas: plain ASCII words, so a reasoning stream is easy to tell from its answer.
constexpr std::array<std::string_view, 8> kReasoningTokens{
    "Let", " me", " think", " about", " this", " step", " by", " step."};

constexpr std::string_view kServerErrorMessage =
    "The server had an error while processing your request.";

struct ErrorKind {
  const char* openai_type;
  const char* anthropic_type;
  int workers_code;
  const char* google_status;
  const char* llama_type;
};

ErrorKind error_kind(int status) {
  switch (status) {
    case 404: return {"invalid_request_error", "not_found_error", 7000, "NOT_FOUND", "not_found_error"};
    case 429:
      return {"requests", "rate_limit_error", 3040, "RESOURCE_EXHAUSTED", "unavailable_error"};
    case 500: return {"server_error", "api_error", 3043, "INTERNAL", "server_error"};
    case 503:
    case 529: return {"server_error", "overloaded_error", 3040, "UNAVAILABLE", "unavailable_error"};
    default:
      return {"invalid_request_error", "invalid_request_error", 5006, "INVALID_ARGUMENT",
              "invalid_request_error"};
  }
}

Json openai_error_body(int status, std::string_view message) {
  Json error{{"message", message}, {"type", error_kind(status).openai_type}, {"param", nullptr}};
  error["code"] = status == 429 ? Json("rate_limit_exceeded") : Json(nullptr);
  return Json{{"error", error}};
}

// The Responses API's error event as recorded on the wire (nested "error"), then
// response.failed (docs/protocols.md ("openai-responses")).
std::string responses_error(const StreamSpec& spec, std::int64_t tokens_sent) {
  // response.created, in_progress, output_item.added and content_part.added came first.
  const std::int64_t sequence = 4 + tokens_sent;
  const Json error{{"type", "server_error"},
                   {"code", "server_error"},
                   {"message", kServerErrorMessage},
                   {"param", nullptr}};
  const Json failed{{"id", spec.id},
                    {"object", "response"},
                    {"created_at", kCreatedUnixS},
                    {"status", "failed"},
                    {"error", Json{{"code", "server_error"}, {"message", kServerErrorMessage}}},
                    {"model", spec.model},
                    {"output", Json::array()},
                    {"usage", nullptr}};
  return sse_event("error",
                   Json{{"type", "error"}, {"sequence_number", sequence}, {"error", error}}.dump()) +
         sse_event("response.failed", Json{{"type", "response.failed"},
                                           {"sequence_number", sequence + 1},
                                           {"response", failed}}
                                          .dump());
}

}  // namespace

std::string_view token_text(std::int64_t index) {
  return kTokens[static_cast<std::size_t>(index) % kTokens.size()];
}

std::string_view token_text(const StreamSpec& spec, std::int64_t index) {
  if (index == spec.marked_token) return kTokenMarker;
  if (spec.answer_tokens.empty()) return token_text(index);
  const auto i = static_cast<std::size_t>(index);
  return i < spec.answer_tokens.size() ? std::string_view(spec.answer_tokens[i]) : std::string_view{};
}

std::string_view reasoning_text(std::int64_t index) {
  return kReasoningTokens[static_cast<std::size_t>(index) % kReasoningTokens.size()];
}

std::int64_t reported_output_tokens(const StreamSpec& spec) {
  return spec.output_tokens + spec.reasoning_tokens;
}

std::string sse_data(std::string_view data) {
  std::string out;
  out.reserve(data.size() + 8);
  out.append("data: ").append(data).append("\n\n");
  return out;
}

std::string sse_event(std::string_view name, std::string_view data) {
  std::string out;
  out.append("event: ").append(name).append("\n");
  return out + sse_data(data);
}

std::vector<Frame> emit_stream(Protocol protocol, const StreamSpec& spec) {
  switch (protocol) {
    case Protocol::kOpenAiChat: return openai_chat_stream(spec);
    case Protocol::kOpenAiCompletions: return openai_completions_stream(spec);
    case Protocol::kOpenAiResponses: return openai_responses_stream(spec);
    case Protocol::kAnthropic: return anthropic_stream(spec);
    case Protocol::kWorkersAi: return workers_ai_stream(spec);
    case Protocol::kVercelUi: return vercel_ui_stream(spec);
    case Protocol::kVercelData: return vercel_data_stream(spec);
    case Protocol::kGemini: return gemini_stream(spec);
    case Protocol::kOllama: return ollama_stream(spec);
    case Protocol::kLlamaCpp: return llama_cpp_stream(spec);
    case Protocol::kText: return text_stream(spec);
    case Protocol::kSse: return sse_stream(spec);
  }
  return {};
}

std::string emit_stream_error(Protocol protocol, const StreamSpec& spec, std::int64_t tokens_sent) {
  switch (protocol) {
    case Protocol::kOpenAiChat:
    case Protocol::kOpenAiCompletions:
    case Protocol::kWorkersAi:
      return sse_data(Json{{"error", Json{{"message", kServerErrorMessage},
                                          {"type", "server_error"},
                                          {"param", nullptr},
                                          {"code", nullptr}}}}
                          .dump());
    case Protocol::kOpenAiResponses: return responses_error(spec, tokens_sent);
    case Protocol::kAnthropic:
      return sse_event("error",
                       R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    // streamText's default onError masks the message; the UI stream still ends with [DONE].
    case Protocol::kVercelUi:
      return sse_data(R"({"type":"error","errorText":"An error occurred."})") + sse_data("[DONE]");
    case Protocol::kVercelData: return "3:\"An error occurred.\"\n";
    case Protocol::kGemini:
      return "data: " +
             Json{{"error", Json{{"code", 503},
                                 {"message", "The model is overloaded. Please try again later."},
                                 {"status", "UNAVAILABLE"}}}}
                 .dump() +
             "\r\n\r\n";
    case Protocol::kOllama:
      return R"({"error":"an error was encountered while running the model: unexpected EOF"})"
             "\n";
    // llama.cpp's non-standard SSE field (docs/protocols.md ("llama-cpp")).
    case Protocol::kLlamaCpp:
      return "error: " +
             Json{{"code", 500}, {"message", kServerErrorMessage}, {"type", "server_error"}}.dump() +
             "\n\n";
    case Protocol::kText:
    case Protocol::kSse: return {};
  }
  return {};
}

std::span<const Header> stream_headers(Protocol protocol) {
  static constexpr Header kSse[] = {{"Content-Type", "text/event-stream"}};
  static constexpr Header kNdjson[] = {{"Content-Type", "application/x-ndjson"}};
  // ui-message-stream-headers.ts (docs/protocols.md ("auto"), docs/simulator.md ("Routes")).
  static constexpr Header kUiMessages[] = {{"Content-Type", "text/event-stream"},
                                           {"x-vercel-ai-ui-message-stream", "v1"},
                                           {"x-accel-buffering", "no"}};
  // prepare-response-headers.ts of ai@4 (docs/protocols.md ("auto"), docs/simulator.md ("Routes")).
  static constexpr Header kDataStream[] = {{"Content-Type", "text/plain; charset=utf-8"},
                                           {"x-vercel-ai-data-stream", "v1"}};
  static constexpr Header kText[] = {{"Content-Type", "text/plain; charset=utf-8"}};
  switch (protocol) {
    case Protocol::kOllama: return kNdjson;
    case Protocol::kVercelUi: return kUiMessages;
    case Protocol::kVercelData: return kDataStream;
    case Protocol::kText: return kText;
    default: return kSse;
  }
}

std::string emit_http_error_body(Protocol protocol, int status, std::string_view message) {
  const ErrorKind kind = error_kind(status);
  Json body;
  switch (protocol) {
    case Protocol::kAnthropic:
      body = Json{{"type", "error"},
                  {"error", Json{{"type", kind.anthropic_type}, {"message", message}}},
                  {"request_id", "req_sim"}};
      break;
    case Protocol::kWorkersAi:
      body = Json{{"result", nullptr},
                  {"success", false},
                  {"errors", Json::array({Json{{"code", kind.workers_code}, {"message", message}}})},
                  {"messages", Json::array()}};
      break;
    case Protocol::kGemini:
      body = Json{{"error", Json{{"code", status}, {"message", message}, {"status", kind.google_status}}}};
      break;
    case Protocol::kOllama: body = Json{{"error", message}}; break;
    case Protocol::kLlamaCpp:
      body = Json{{"error", Json{{"code", status}, {"message", message}, {"type", kind.llama_type}}}};
      break;
    default: body = openai_error_body(status, message); break;
  }
  return body.dump();
}

}  // namespace ttft::sim
