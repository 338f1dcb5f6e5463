// The protocols the simulator speaks and the request paths that select them.
// Pure: no I/O; the server routes with protocol_for_path, clients build URLs with path_for_protocol.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ttft::sim {

enum class Protocol {
  kOpenAiChat,
  kOpenAiCompletions,
  kOpenAiResponses,
  kAnthropic,
  kWorkersAi,
  kVercelUi,
  kVercelData,
  kGemini,
  kOllama,
  kLlamaCpp,
  kText,
  kSse,
};

/// Every protocol the simulator speaks, in the order of docs/protocols.md ("The protocols at a glance").
inline constexpr std::array kAllProtocols{
    Protocol::kOpenAiChat, Protocol::kOpenAiCompletions, Protocol::kOpenAiResponses,
    Protocol::kAnthropic,  Protocol::kWorkersAi,         Protocol::kVercelUi,
    Protocol::kVercelData, Protocol::kGemini,            Protocol::kOllama,
    Protocol::kLlamaCpp,   Protocol::kText,              Protocol::kSse,
};

/// "openai-chat", "workers-ai", "gemini", …: the names the scenario and samples use.
std::string_view protocol_name(Protocol protocol);

/// The protocol a request path selects; nullopt for anything else (a 404). Exact paths:
/// /v1/chat/completions, /v1/completions, /v1/responses, /v1/messages, /api/chat (ollama),
/// /completion (llama-cpp), /api/chat/ui (vercel-ui), /api/chat/data (vercel-data),
/// /api/chat/text (text), /sse; any path containing "/ai/run/" is workers-ai, and
/// /v1beta/models/<model>:streamGenerateContent (or :generateContent) is gemini. The query
/// string must already be stripped.
std::optional<Protocol> protocol_for_path(std::string_view path);

/// True for a path that asks for a non-streaming response whatever the body says: Gemini's
/// /v1beta/models/<model>:generateContent.
bool is_non_streaming_path(std::string_view path);

/// The path (with its query, if the protocol needs one) a client should request for a protocol
/// name: "openai-chat" → "/v1/chat/completions", "workers-ai" →
/// "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast", "gemini" →
/// "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", …; an unknown name → ""
/// (the caller reports it).
std::string path_for_protocol(std::string_view protocol);

/// The embeddings formats the simulator serves (docs/simulator.md ("Embeddings")).
enum class EmbeddingsProtocol { kOpenAi, kWorkersAi, kOllama, kGemini };

/// "openai", "workers-ai", "ollama", "gemini": the names an embeddings target uses.
std::string_view embeddings_protocol_name(EmbeddingsProtocol protocol);

/// The chat protocol of the same provider, whose error bodies an embeddings error reply uses.
Protocol chat_sibling(EmbeddingsProtocol protocol);

/// The embeddings format a request path selects, checked before protocol_for_path: /v1/embeddings
/// (openai), /api/embed (ollama), /v1beta/models/<model>:batchEmbedContents (gemini), and a path
/// containing "/ai/run/@cf/baai/" (workers-ai: an embedding model; other models chat). nullopt
/// for any other path.
std::optional<EmbeddingsProtocol> embeddings_protocol_for_path(std::string_view path);

/// The path a client should request for an embeddings protocol name: "openai" →
/// "/v1/embeddings", "workers-ai" → "/ai/run/@cf/baai/bge-base-en-v1.5", "ollama" →
/// "/api/embed", "gemini" → "/v1beta/models/text-embedding-004:batchEmbedContents"; "" for
/// any other name.
std::string embeddings_path_for_protocol(std::string_view protocol);

}  // namespace ttft::sim
