// One framed event of a response stream, and what a provider adapter reads in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace ttft::protocol {

/// A dispatched event. For SSE: the event type ("message" when none was given) and the data
/// buffer without its final LF. Views are valid only during the callback that receives them.
struct Event {
  std::string_view type;
  std::string_view data;
};

/// Durations a server reports about its own work, in nanoseconds: Ollama's final object
/// (*_duration, already ns) and llama.cpp's `timings` (ms). Absent fields were not sent. They
/// separate server time from network time in `probe`; samples.csv has no column for them.
struct ServerTimings {
  std::optional<Nanos> total_ns;        // Ollama total_duration
  std::optional<Nanos> load_ns;         // Ollama load_duration: loading the model (a cold start)
  std::optional<Nanos> prompt_eval_ns;  // Ollama prompt_eval_duration, llama.cpp prompt_ms
  std::optional<Nanos> eval_ns;         // Ollama eval_duration, llama.cpp predicted_ms

  bool empty() const { return !total_ns && !load_ns && !prompt_eval_ns && !eval_ns; }
};

/// A piece of one tool call as an event carries it; the decoder joins the pieces of each call
/// (docs/protocols.md ("Tool calls")).
struct ToolCallDelta {
  std::string key;        // which call the piece belongs to (an index or id); "" = a call of its own
  std::string name;       // the function's name, when this piece carries it
  std::string arguments;  // the next piece of the arguments' JSON text
  bool whole = false;     // `arguments` is the whole text: used only when no piece came before
};

/// One reassembled tool call: the function's name and its arguments' JSON text as streamed.
struct ToolCall {
  std::string name;
  std::string arguments;
  bool operator==(const ToolCall&) const = default;
};

/// What one event says, as read by an adapter. Usage fields are set only when the event carries
/// them; the last value seen wins (Anthropic and Gemini send running totals).
struct EventMeaning {
  std::string text;       // visible generated text in this event ("" = none)
  std::string reasoning;  // reasoning/thinking text; never counts as the first answer
  bool tool_call = false;  // carries (part of) a tool call: an answer, though not text
  std::vector<ToolCallDelta> tool_call_deltas;  // the pieces of calls it carries, when readable
  std::optional<std::int64_t> input_tokens;   // the whole prompt, cached part included
  std::optional<std::int64_t> output_tokens;  // reasoning included
  std::optional<std::int64_t> reasoning_tokens;     // the part of output spent reasoning
  std::optional<std::int64_t> cached_input_tokens;  // the part of input read from a prompt cache
  std::optional<std::int64_t> cache_write_tokens;   // the part of input written to a prompt cache
  std::optional<std::string> error;           // a provider error reported inside the stream
  std::optional<std::string> protocol_error;  // not this protocol (e.g. data that is not JSON)
  std::optional<ServerTimings> server_timings;  // set when the event reports them; last wins
  bool end_of_stream = false;        // the protocol's terminator ([DONE], message_stop, ...)
  std::optional<std::string> finish_reason;  // why generation stopped, as the provider says it
};

}  // namespace ttft::protocol
