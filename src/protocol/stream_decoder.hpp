// Turns the bytes of one response body into the stream facts a sample records: when the first
// event, the first token and the first answer arrived, content event times, token usage, the
// provider's error, and whether the protocol's terminator was seen. Pure: the caller passes each
// chunk's arrival time, taken when the bytes came off the socket. For protocol `auto` it first
// holds the reads until the protocol is detected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "protocol/adapter.hpp"
#include "protocol/completion.hpp"
#include "protocol/embeddings.hpp"
#include "protocol/line_parser.hpp"
#include "protocol/protocol_detector.hpp"
#include "protocol/sse_parser.hpp"
#include "protocol/text_chunker.hpp"

namespace ttft::protocol {

/// What the first token was (first_token_kind).
enum class TokenKind { text, reasoning, tool_call };

/// "text", "reasoning" or "tool_call", as samples.csv writes first_token_kind.
std::string_view token_kind_name(TokenKind kind);

/// Times are nanoseconds relative to the request's t0 (the caller's choice of origin).
struct StreamRecord {
  std::optional<Nanos> first_event_ns;   // first dispatched event (ttft_ms)
  std::optional<Nanos> first_token_ns;   // first event with text, reasoning or a tool call (first_token_ms)
  TokenKind first_token_kind = TokenKind::text;  // what that event carried (text wins in a mixed one)
  std::optional<Nanos> first_answer_ns;  // first event with visible text or a tool call (first_answer_ms)
  std::optional<Nanos> last_token_ns;    // last event with visible text or reasoning
  std::optional<Nanos> end_ns;           // terminator seen, else end of body (set by finish())
  std::vector<Nanos> content_event_ns;   // arrival of every event with text, for ITL
  std::int64_t events = 0;               // dispatched events
  std::int64_t content_events = 0;       // events with visible text or reasoning
  std::int64_t text_bytes = 0;           // bytes of visible text + reasoning received
  std::int64_t reasoning_chars = 0;      // characters (code points) of reasoning text received
  std::optional<std::string> finish_reason;  // the provider's stop reason, last one sent
  std::optional<std::int64_t> input_tokens;   // from usage, last value wins
  std::optional<std::int64_t> output_tokens;  // from usage, last value wins
  std::optional<std::int64_t> reasoning_tokens;     // from usage, last value wins
  std::optional<std::int64_t> cached_input_tokens;  // from usage, last value wins
  std::optional<std::int64_t> cache_write_tokens;   // from usage, last value wins
  bool terminated = false;               // the protocol's end marker was seen
  std::optional<std::string> stream_error;    // provider error event: sample error `stream`
  std::optional<std::string> protocol_error;  // framing failure: sample error `protocol`
  bool events_are_tokens = true;         // the adapter's events_are_tokens(): false for `text`
  std::optional<ServerTimings> server_timings;  // the server's own durations, last reported
  std::string detected_protocol;         // what `auto` detected; "" for a given protocol
  std::string answer_text;               // the visible text, only when keep_answer_text() was asked
  std::vector<ToolCall> tool_calls;      // each call's name and arguments, joined across events
  std::optional<std::int64_t> vectors;     // embeddings: vectors in the response
  std::optional<std::int64_t> dimensions;  // embeddings: their common length
};

class StreamDecoder {
 public:
  /// Frames the body the way the adapter says (SSE, lines or plain text); max_event_bytes bounds
  /// an SSE event or a line.
  StreamDecoder(std::unique_ptr<Adapter> adapter, std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// Also collect the visible answer text into record().answer_text (a conversation's next turn
  /// sends it back); off by default, so a benchmark's memory does not grow with the replies.
  void keep_answer_text() { keep_answer_text_ = true; }

  /// Protocol `auto` (docs/protocols.md ("auto")): holds the body's reads until a ProtocolDetector names the
  /// protocol, then feeds them, each with its own arrival time, through that protocol's adapter,
  /// so all of its rules apply and every time is the one an explicit choice would record.
  /// `request_protocol` is the protocol whose body was sent.
  static StreamDecoder detecting(std::string request_protocol,
                                 std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// The decoder for a protocol name, `auto` included (its body follows `url`); an error naming
  /// the known protocols for any other name.
  static Result<StreamDecoder> for_protocol(std::string_view name, std::string_view url,
                                            std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// The decoder of a non-streaming response (a target's "stream": false): it only keeps the
  /// body, at most `max_body_bytes` of it (more is a protocol error), and reads it with
  /// parse_completion at finish(). No event, token or answer time is recorded; end_ns is the end
  /// of the body.
  static Result<StreamDecoder> whole_body(std::string_view name, std::size_t max_body_bytes);

  /// The decoder of an embeddings response: like whole_body, it keeps the body (at most
  /// `max_body_bytes`) and records no event, token or answer time; at finish() it reads it with
  /// parse_embeddings, expecting `expected_vectors` vectors of `expected_dimensions` (when given).
  static StreamDecoder embeddings(EmbeddingsFormat format, std::size_t expected_vectors,
                                  std::optional<std::int64_t> expected_dimensions,
                                  std::size_t max_body_bytes = kMaxCompletionBytes);

  /// True for a whole_body or embeddings decoder.
  bool reads_whole_body() const { return whole_body_max_bytes_ > 0; }

  /// The final response's headers, before its body: `auto` reads its hints in them.
  void on_response_headers(const std::vector<std::pair<std::string, std::string>>& headers);

  /// Feeds body bytes that arrived at `arrival_ns`. Every event they complete is stamped with
  /// that time. Returns false once reading should stop: a provider error or a framing failure.
  bool feed(std::string_view bytes, Nanos arrival_ns);

  /// The body ended at `eof_ns` (connection end or end of the chunked body). `auto` decides now
  /// if it has not, or records why it cannot as a protocol error.
  void finish(Nanos eof_ns);

  const StreamRecord& record() const { return record_; }
  /// The framing of the protocol reading the body; nullopt while `auto` has not decided.
  std::optional<Framing> framing() const;
  /// True when a body that ended with a clean close ended the way its protocol says a complete
  /// stream ends: its terminator was seen, or the protocol ends at EOF (plain sse, text).
  bool complete() const {
    return record_.terminated || (adapter_ != nullptr && adapter_->eof_is_normal_end());
  }

 private:
  struct HeldRead {
    std::string bytes;
    Nanos arrival_ns;
  };

  explicit StreamDecoder(std::size_t max_event_bytes);
  void use_adapter(std::unique_ptr<Adapter> adapter);
  bool detect(std::string_view bytes, Nanos arrival_ns);
  bool start_detected();
  bool decode(std::string_view bytes, Nanos arrival_ns);
  void on_event(const Event& event, Nanos arrival_ns);
  void add_tool_call_deltas(std::vector<ToolCallDelta>& deltas);
  void read_whole_body();
  bool take_errors(EventMeaning& meaning);  // records a provider or protocol error; true if one
  void add_usage(EventMeaning& meaning);

  std::unique_ptr<Adapter> adapter_;  // null while `auto` detects
  std::unique_ptr<ProtocolDetector> detector_;  // `auto` until it has decided
  std::vector<HeldRead> held_;        // the reads `auto` holds until it has decided
  Framing framing_;
  SseParser sse_;  // the framer framing_ names is used; the others stay empty
  LineParser lines_;
  TextChunker text_;
  StreamRecord record_;
  bool keep_answer_text_ = false;
  std::vector<std::string> tool_call_keys_;  // the key of each of record_.tool_calls
  struct EmbeddingsExpectation {
    EmbeddingsFormat format;
    std::size_t vectors;
    std::optional<std::int64_t> dimensions;
  };
  void read_embeddings_body();

  std::size_t whole_body_max_bytes_ = 0;  // > 0: a whole_body or embeddings decoder
  std::optional<EmbeddingsExpectation> embeddings_;  // set: an embeddings decoder
  std::string whole_body_;
};

}  // namespace ttft::protocol
