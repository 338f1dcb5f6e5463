// Protocol names and request paths of the simulator.
#include "sim/routes.hpp"

namespace ttft::sim {

namespace {
constexpr std::string_view kOpenAiPath = "/v1/chat/completions";
constexpr std::string_view kWorkersAiPath = "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast";
constexpr std::string_view kAnthropicPath = "/v1/messages";
constexpr std::string_view kSsePath = "/sse";
}  // namespace

std::string_view protocol_name(Protocol protocol) {
  switch (protocol) {
    case Protocol::kOpenAiChat: return "openai-chat";
    case Protocol::kWorkersAi: return "workers-ai";
    case Protocol::kAnthropic: return "anthropic";
    case Protocol::kSse: return "sse";
  }
  return "sse";
}

std::optional<Protocol> protocol_for_path(std::string_view path) {
  if (path == kOpenAiPath) return Protocol::kOpenAiChat;
  if (path.find("/ai/run/") != std::string_view::npos) return Protocol::kWorkersAi;
  if (path == kAnthropicPath) return Protocol::kAnthropic;
  if (path == kSsePath) return Protocol::kSse;
  return std::nullopt;
}

std::string path_for_protocol(std::string_view protocol) {
  if (protocol == "openai-chat") return std::string(kOpenAiPath);
  if (protocol == "workers-ai") return std::string(kWorkersAiPath);
  if (protocol == "anthropic") return std::string(kAnthropicPath);
  if (protocol == "sse") return std::string(kSsePath);
  return {};
}

}  // namespace ttft::sim
