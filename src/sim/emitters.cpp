// Shared pieces of the stream emitters: the token list, SSE framing, dispatch by protocol, and
// the providers' error bodies and mid-stream error events.
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

struct ErrorKind {
  const char* openai_type;
  const char* anthropic_type;
  int workers_code;
};

ErrorKind error_kind(int status) {
  switch (status) {
    case 404: return {"invalid_request_error", "not_found_error", 7000};
    case 429: return {"requests", "rate_limit_error", 3040};
    case 500: return {"server_error", "api_error", 3043};
    case 503: return {"server_error", "overloaded_error", 3040};
    default: return {"invalid_request_error", "invalid_request_error", 5006};
  }
}

}  // namespace

std::string_view token_text(std::int64_t index) {
  return kTokens[static_cast<std::size_t>(index) % kTokens.size()];
}

std::string sse_data(std::string_view data) {
  std::string out;
  out.reserve(data.size() + 8);
  out.append("data: ").append(data).append("\n\n");
  return out;
}

std::vector<Frame> emit_stream(Protocol protocol, const StreamSpec& spec) {
  switch (protocol) {
    case Protocol::kOpenAiChat: return openai_chat_stream(spec);
    case Protocol::kWorkersAi: return workers_ai_stream(spec);
    case Protocol::kAnthropic: return anthropic_stream(spec);
    case Protocol::kSse: return sse_stream(spec);
  }
  return {};
}

std::string emit_stream_error(Protocol protocol) {
  switch (protocol) {
    case Protocol::kOpenAiChat:
    case Protocol::kWorkersAi:
      return sse_data(
          R"({"error":{"message":"The server had an error while processing your request.",)"
          R"("type":"server_error","param":null,"code":null}})");
    case Protocol::kAnthropic:
      return "event: error\n"
             R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
             "\n\n";
    case Protocol::kSse: return {};
  }
  return {};
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
    case Protocol::kOpenAiChat:
    case Protocol::kSse: {
      Json error{{"message", message}, {"type", kind.openai_type}, {"param", nullptr}};
      error["code"] = status == 429 ? Json("rate_limit_exceeded") : Json(nullptr);
      body = Json{{"error", error}};
      break;
    }
  }
  return body.dump();
}

}  // namespace ttft::sim
