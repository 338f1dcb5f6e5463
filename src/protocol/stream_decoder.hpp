// Turns the bytes of one response body into the stream facts a sample records: when the first
// event and the first token arrived, content event times, token usage, the provider's error, and
// whether the protocol's terminator was seen. Pure: the caller passes each chunk's arrival time,
// taken when the bytes came off the socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "protocol/adapter.hpp"
#include "protocol/line_parser.hpp"
#include "protocol/sse_parser.hpp"
#include "protocol/text_chunker.hpp"

namespace ttft::protocol {

/// Times are nanoseconds relative to the request's t0 (the caller's choice of origin).
struct StreamRecord {
  std::optional<Nanos> first_event_ns;   // first dispatched event (ttft_ms)
  std::optional<Nanos> first_token_ns;   // first event with visible text or reasoning (first_token_ms)
  bool first_token_is_reasoning = false; // the first token was reasoning, not visible text
  std::optional<Nanos> last_token_ns;    // last event with visible text or reasoning
  std::optional<Nanos> end_ns;           // terminator seen, else end of body (set by finish())
  std::vector<Nanos> content_event_ns;   // arrival of every event with text, for ITL
  std::int64_t events = 0;               // dispatched events
  std::int64_t content_events = 0;       // events with visible text or reasoning
  std::int64_t text_bytes = 0;           // bytes of visible text + reasoning received
  std::optional<std::int64_t> input_tokens;   // from usage, last value wins
  std::optional<std::int64_t> output_tokens;  // from usage, last value wins
  bool terminated = false;               // the protocol's end marker was seen
  std::optional<std::string> stream_error;    // provider error event: sample error `stream`
  std::optional<std::string> protocol_error;  // framing failure: sample error `protocol`
  bool events_are_tokens = true;         // the adapter's events_are_tokens(): false for `text`
};

class StreamDecoder {
 public:
  /// Frames the body the way the adapter says (SSE, lines or plain text); max_event_bytes bounds
  /// an SSE event or a line.
  StreamDecoder(std::unique_ptr<Adapter> adapter, std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// Feeds body bytes that arrived at `arrival_ns`. Every event they complete is stamped with
  /// that time. Returns false once reading should stop: a provider error or a framing failure.
  bool feed(std::string_view bytes, Nanos arrival_ns);

  /// The body ended at `eof_ns` (connection end or end of the chunked body).
  void finish(Nanos eof_ns);

  const StreamRecord& record() const { return record_; }
  const Adapter& adapter() const { return *adapter_; }
  /// True when the stream ended the way its protocol says a complete stream ends.
  bool complete() const { return record_.terminated || adapter_->eof_is_normal_end(); }

 private:
  void on_event(const Event& event, Nanos arrival_ns);

  std::unique_ptr<Adapter> adapter_;
  Framing framing_;
  SseParser sse_;  // the framer framing_ names is used; the others stay empty
  LineParser lines_;
  TextChunker text_;
  StreamRecord record_;
};

}  // namespace ttft::protocol
