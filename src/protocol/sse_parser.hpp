// WHATWG event-stream push parser (HTML Standard, "Parsing an event stream"):
// https://html.spec.whatwg.org/multipage/server-sent-events.html
// Bytes in, dispatched events out; it does not care how the bytes are split across reads.
// Never reads a clock. Memory is bounded by max_event_bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "protocol/event.hpp"

namespace ttft::protocol {

constexpr std::size_t kDefaultMaxEventBytes = 1 << 20;  // 1 MiB

class SseParser {
 public:
  using EventHandler = std::function<void(const Event&)>;

  explicit SseParser(std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// Pushes bytes; calls on_event for each event they complete, in order. Returns false when an
  /// event (or a single line) exceeds max_event_bytes: the parser then drops all further input,
  /// and the caller ends the sample with error `protocol`. Exact limits: a line (terminator
  /// excluded, comments too) may be up to max_event_bytes long, and so may an event's data
  /// buffer (each data value plus its LF; the dispatched data is one byte shorter).
  bool feed(std::string_view bytes, const EventHandler& on_event);

  /// End of stream: an incomplete event is discarded, as the spec requires.
  void finish();

  /// Delivers one non-standard field: each `<name>: value` line then calls on_event with
  /// Event{name, value} at once, outside the event being built. Off by default, since the spec
  /// ignores unknown fields; llama.cpp writes its stream errors as an `error:` field
  /// (docs/protocols.md ("llama-cpp")). `name` must not be a standard field name.
  void deliver_field(std::string name) { extra_field_ = std::move(name); }

  /// The last event ID (persists across events, as the spec says).
  const std::string& last_event_id() const { return last_event_id_; }
  bool overflowed() const { return overflowed_; }
  std::size_t max_event_bytes() const { return max_event_bytes_; }

 private:
  std::string_view strip_bom(std::string_view bytes);
  bool complete_line(std::string_view tail, const EventHandler& on_event);
  bool process_line(std::string_view line, const EventHandler& on_event);
  void dispatch(const EventHandler& on_event);
  bool overflow();

  // Implementation state (see sse_parser.cpp).
  std::size_t max_event_bytes_;
  std::string line_;
  std::string data_;
  std::string event_type_;
  std::string last_event_id_;
  std::string decoded_;  // a line with invalid UTF-8, after U+FFFD substitution
  std::string extra_field_;  // deliver_field(); "" = none
  std::size_t bom_bytes_seen_ = 0;
  bool bom_done_ = false;
  bool last_was_cr_ = false;
  bool overflowed_ = false;
};

}  // namespace ttft::protocol
