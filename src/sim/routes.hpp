// The protocols the simulator speaks and the request paths that select them.
// Pure: no I/O; the server routes with protocol_for_path, clients build URLs with path_for_protocol.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ttft::sim {

enum class Protocol { kOpenAiChat, kWorkersAi, kAnthropic, kSse };

/// "openai-chat", "workers-ai", "anthropic", "sse": the names the scenario and samples use.
std::string_view protocol_name(Protocol protocol);

/// Exact "/v1/chat/completions" → openai-chat; any path containing "/ai/run/" → workers-ai;
/// exact "/v1/messages" → anthropic; exact "/sse" → sse; anything else → nullopt (a 404).
/// The query string must already be stripped.
std::optional<Protocol> protocol_for_path(std::string_view path);

/// The path a client should request for a protocol name: "openai-chat" → "/v1/chat/completions",
/// "workers-ai" → "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast", "anthropic" → "/v1/messages",
/// "sse" → "/sse"; an unknown name → "" (the caller reports it).
std::string path_for_protocol(std::string_view protocol);

}  // namespace ttft::sim
