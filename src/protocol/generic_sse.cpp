// The `sse` adapter: no payload format is assumed. It sends the OpenAI chat body, since that is
// what most SSE endpoints accept, and reads each event's data as text.
#include "protocol/generic_sse.hpp"

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"

namespace ttft::protocol {

std::string GenericSseAdapter::build_body(const Workload& workload) const {
  return finish_body(openai_chat_body(workload), workload.extra_body);
}

EventMeaning GenericSseAdapter::interpret(const Event& event) {
  EventMeaning meaning;
  if (is_done_marker(event.data)) {
    meaning.end_of_stream = true;
  } else {
    meaning.text.assign(event.data);
  }
  return meaning;
}

}  // namespace ttft::protocol
