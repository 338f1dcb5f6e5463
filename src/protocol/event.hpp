// One framed event of a response stream, and what a provider adapter reads in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ttft::protocol {

/// A dispatched event. For SSE: the event type ("message" when none was given) and the data
/// buffer without its final LF. Views are valid only during the callback that receives them.
struct Event {
  std::string_view type;
  std::string_view data;
};

/// What one event says, as read by an adapter. Usage fields are set only when the event carries
/// them; the last value seen wins (Anthropic and Gemini send running totals).
struct EventMeaning {
  std::string text;       // visible generated text in this event ("" = none)
  std::string reasoning;  // reasoning/thinking text; never counts as the first token
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  std::optional<std::string> error;           // a provider error reported inside the stream
  std::optional<std::string> protocol_error;  // not this protocol (e.g. data that is not JSON)
  bool end_of_stream = false;        // the protocol's terminator ([DONE], message_stop, ...)
};

}  // namespace ttft::protocol
