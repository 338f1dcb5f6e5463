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

struct EmbeddingsRoute {
  EmbeddingsProtocol protocol;
  std::string_view name;
  std::string_view path;  // what clients request
  Protocol sibling;
};

constexpr std::array kEmbeddingsRoutes{
    EmbeddingsRoute{EmbeddingsProtocol::kOpenAi, "openai", "/v1/embeddings", Protocol::kOpenAiChat},
    EmbeddingsRoute{EmbeddingsProtocol::kWorkersAi, "workers-ai", "/ai/run/@cf/baai/bge-base-en-v1.5",
                    Protocol::kWorkersAi},
    EmbeddingsRoute{EmbeddingsProtocol::kOllama, "ollama", "/api/embed", Protocol::kOllama},
    EmbeddingsRoute{EmbeddingsProtocol::kGemini, "gemini", "/v1beta/models/text-embedding-004:batchEmbedContents",
                    Protocol::kGemini},
};

constexpr std::string_view kGeminiEmbedSuffix = ":batchEmbedContents";
constexpr std::string_view kWorkersAiEmbedModels = "/ai/run/@cf/baai/";

const EmbeddingsRoute& embeddings_route(EmbeddingsProtocol protocol) {
  return kEmbeddingsRoutes[static_cast<std::size_t>(protocol)];
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

std::string_view embeddings_protocol_name(EmbeddingsProtocol protocol) { return embeddings_route(protocol).name; }

Protocol chat_sibling(EmbeddingsProtocol protocol) { return embeddings_route(protocol).sibling; }

std::optional<EmbeddingsProtocol> embeddings_protocol_for_path(std::string_view path) {
  // Cloudflare's BAAI bge models embed; every other /ai/run/ model chats.
  if (path.find(kWorkersAiEmbedModels) != std::string_view::npos) return EmbeddingsProtocol::kWorkersAi;
  if (is_gemini_path(path, kGeminiEmbedSuffix)) return EmbeddingsProtocol::kGemini;
  if (path == embeddings_route(EmbeddingsProtocol::kOpenAi).path) return EmbeddingsProtocol::kOpenAi;
  if (path == embeddings_route(EmbeddingsProtocol::kOllama).path) return EmbeddingsProtocol::kOllama;
  return std::nullopt;
}

std::string embeddings_path_for_protocol(std::string_view protocol) {
  for (const EmbeddingsRoute& route : kEmbeddingsRoutes) {
    if (route.name == protocol) return std::string(route.path);
  }
  return {};
}

}  // namespace ttft::sim
