// Line-framed stream push parser: NDJSON (Ollama) and the AI SDK data stream, where one
// complete line is one event (docs/protocols.md ("How a body becomes events"), "Lines").
// Bytes in, events out; it does not care how the bytes are split across reads. Never reads a
// clock. Memory is bounded by max_line_bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/event.hpp"
#include "protocol/sse_parser.hpp"

namespace ttft::protocol {

class LineParser {
 public:
  explicit LineParser(std::size_t max_line_bytes = kDefaultMaxEventBytes);

  /// Pushes bytes; calls on_event with Event{"line", <line>} for each line they complete, in
  /// order. A line ends at LF; one CR before the LF is dropped; empty lines are no events. A line
  /// with invalid UTF-8 is delivered with U+FFFD substitution. Returns false when a line exceeds
  /// max_line_bytes (terminator excluded): all further input is then dropped.
  bool feed(std::string_view bytes, const SseParser::EventHandler& on_event);

  /// End of stream: a line without its LF is discarded, like an SSE event without its blank line
  /// (the stream was cut, and half a JSON object is not an event).
  void finish() { line_.clear(); }

  std::size_t max_line_bytes() const { return max_line_bytes_; }

 private:
  bool deliver(std::string_view line, const SseParser::EventHandler& on_event);
  bool overflow();

  std::size_t max_line_bytes_;
  std::string line_;     // the start of a line whose LF has not arrived
  std::string decoded_;  // a line with invalid UTF-8, after U+FFFD substitution
  bool overflowed_ = false;
};

}  // namespace ttft::protocol
