// Drives the adapter's framer (SSE, lines or plain text) and the adapter over one response
// body and records the stream facts of the sample. Never reads a clock: every event carries the
// arrival time of the read that completed it (protocols.md section 0).
#include "protocol/stream_decoder.hpp"

#include <utility>

#include "core/check.hpp"

namespace ttft::protocol {

StreamDecoder::StreamDecoder(std::unique_ptr<Adapter> adapter, std::size_t max_event_bytes)
    : adapter_(std::move(adapter)),
      framing_(Framing::sse),
      sse_(max_event_bytes),
      lines_(max_event_bytes) {
  TTFT_CHECK(adapter_ != nullptr, "a stream decoder needs an adapter");
  framing_ = adapter_->framing();
  if (const std::string_view field = adapter_->extra_sse_field(); !field.empty()) {
    sse_.deliver_field(std::string(field));
  }
  record_.events_are_tokens = adapter_->events_are_tokens();
}

bool StreamDecoder::feed(std::string_view bytes, Nanos arrival_ns) {
  if (record_.stream_error || record_.protocol_error) return false;
  const auto handler = [this, arrival_ns](const Event& event) { on_event(event, arrival_ns); };
  bool framed = true;
  switch (framing_) {
    case Framing::sse: framed = sse_.feed(bytes, handler); break;
    case Framing::ndjson: framed = lines_.feed(bytes, handler); break;
    case Framing::text: framed = text_.feed(bytes, handler); break;
  }
  // An error event earlier in the same read wins over an overflow later in it.
  if (!framed && !record_.stream_error && !record_.protocol_error) {
    record_.protocol_error = std::string(framing_ == Framing::sse ? "event" : "line") +
                             " larger than " + std::to_string(sse_.max_event_bytes()) + " bytes";
  }
  return !record_.stream_error && !record_.protocol_error;
}

void StreamDecoder::finish(Nanos eof_ns) {
  sse_.finish();
  lines_.finish();
  text_.finish();
  if (!record_.end_ns) record_.end_ns = eof_ns;
}

void StreamDecoder::on_event(const Event& event, Nanos arrival_ns) {
  // After an error the sample is over; after the terminator nothing is part of the answer, so
  // later events (a proxy's trailing frames) are not interpreted at all.
  if (record_.stream_error || record_.protocol_error || record_.terminated) return;
  ++record_.events;
  if (!record_.first_event_ns) record_.first_event_ns = arrival_ns;

  EventMeaning meaning = adapter_->interpret(event);
  if (meaning.error) {
    record_.stream_error = std::move(meaning.error);
    return;
  }
  if (meaning.protocol_error) {
    record_.protocol_error = std::move(meaning.protocol_error);
    return;
  }
  if (!meaning.text.empty() || !meaning.reasoning.empty()) {
    if (!record_.first_token_ns) {
      record_.first_token_ns = arrival_ns;
      record_.first_token_is_reasoning = meaning.text.empty();
    }
    record_.last_token_ns = arrival_ns;
    record_.content_event_ns.push_back(arrival_ns);
    ++record_.content_events;
    record_.text_bytes += static_cast<std::int64_t>(meaning.text.size() + meaning.reasoning.size());
  }
  // Usage is a running total in several protocols (Anthropic, Workers AI): the last value wins.
  if (meaning.input_tokens) record_.input_tokens = meaning.input_tokens;
  if (meaning.output_tokens) record_.output_tokens = meaning.output_tokens;
  if (meaning.end_of_stream) {
    record_.terminated = true;
    record_.end_ns = arrival_ns;
  }
}

}  // namespace ttft::protocol
