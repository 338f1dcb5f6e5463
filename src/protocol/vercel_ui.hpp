// The `vercel-ui` protocol: the AI SDK 5+ UI message stream (docs/protocols.md ("vercel-ui")): SSE
// `data: <part>` events, text in text-delta parts, reasoning in reasoning-delta, an error part,
// `data: [DONE]` at the end, and no usage unless the app puts it in messageMetadata.
#pragma once

#include <nlohmann/json.hpp>

#include "protocol/adapter.hpp"

namespace ttft::protocol {

class VercelUiAdapter final : public Adapter {
 public:
  std::string_view name() const override { return "vercel-ui"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;
};

/// The body an AI SDK chat route reads, {"id", "messages", …} plus "model" when set. With
/// `with_content` (AI SDK 4's useChat), each message has "content" and "parts"; without it
/// (AI SDK 5's DefaultChatTransport), "parts" only and "trigger": "submit-message". Both give
/// every message an id; AI SDK requests have no max-tokens field (the route decides).
nlohmann::ordered_json ai_sdk_chat_body(const Workload& workload, bool with_content);

}  // namespace ttft::protocol
