// The `text` adapter: an AI SDK chat body, and every read's bytes as text. Pure.
#include "protocol/plain_text.hpp"

#include "protocol/adapter_json.hpp"
#include "protocol/vercel_ui.hpp"

namespace ttft::protocol {

std::string PlainTextAdapter::build_body(const Workload& workload) const {
  // Messages with both "content" (AI SDK 4) and "parts" (AI SDK 5), so either version's route
  // reads them.
  return finish_body(ai_sdk_chat_body(workload, /*with_content=*/true), workload.extra_body);
}

EventMeaning PlainTextAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  meaning.text.assign(event.data);
  return meaning;
}

}  // namespace ttft::protocol
