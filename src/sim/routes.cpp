// Protocol names and request paths of the simulator.
#include "sim/routes.hpp"

namespace ttft::sim {

namespace {

struct Route {
  Protocol protocol;
  std::string_view name;
  std::string_view path;  // what clients request; matched exactly, except the two noted below
};

constexpr std::array kRoutes{
    Route{Protocol::kOpenAiChat, "openai-chat", "/v1/chat/completions"},
    Route{Protocol::kOpenAiCompletions, "openai-completions", "/v1/completions"},
    Route{Protocol::kOpenAiResponses, "openai-responses", "/v1/responses"},
    Route{Protocol::kAnthropic, "anthropic", "/v1/messages"},
    Route{Protocol::kWorkersAi, "workers-ai", "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast"},
    Route{Protocol::kVercelUi, "vercel-ui", "/api/chat/ui"},
    Route{Protocol::kVercelData, "vercel-data", "/api/chat/data"},
    Route{Protocol::kGemini, "gemini",
          "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"},
    Route{Protocol::kOllama, "ollama", "/api/chat"},
    Route{Protocol::kLlamaCpp, "llama-cpp", "/completion"},
    Route{Protocol::kText, "text", "/api/chat/text"},
    Route{Protocol::kSse, "sse", "/sse"},
};

constexpr std::string_view kGeminiPrefix = "/v1beta/models/";
constexpr std::string_view kGeminiSuffix = ":streamGenerateContent";
constexpr std::string_view kGeminiWholeSuffix = ":generateContent";

bool is_gemini_path(std::string_view path, std::string_view suffix) {
  return path.starts_with(kGeminiPrefix) && path.ends_with(suffix) &&
         path.size() > kGeminiPrefix.size() + suffix.size();
}

}  // namespace

std::string_view protocol_name(Protocol protocol) {
  for (const Route& route : kRoutes) {
    if (route.protocol == protocol) return route.name;
  }
  return "sse";
}

std::optional<Protocol> protocol_for_path(std::string_view path) {
  // Workers AI names the model (and the account) in the path; so does Gemini.
  if (path.find("/ai/run/") != std::string_view::npos) return Protocol::kWorkersAi;
  if (is_gemini_path(path, kGeminiSuffix) || is_gemini_path(path, kGeminiWholeSuffix)) return Protocol::kGemini;
  for (const Route& route : kRoutes) {
    if (route.protocol != Protocol::kWorkersAi && route.protocol != Protocol::kGemini &&
        route.path == path) {
      return route.protocol;
    }
  }
  return std::nullopt;
}

bool is_non_streaming_path(std::string_view path) { return is_gemini_path(path, kGeminiWholeSuffix); }

std::string path_for_protocol(std::string_view protocol) {
  for (const Route& route : kRoutes) {
    if (route.name == protocol) return std::string(route.path);
  }
  return {};
}

}  // namespace ttft::sim
