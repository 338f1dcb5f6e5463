// Drives the adapter's framer (SSE, lines or plain text) and the adapter over one response
// body and records the stream facts of the sample. Never reads a clock: every event carries the
// arrival time of the read that completed it (docs/metrics.md ("The clock and t0")).
#include "protocol/stream_decoder.hpp"

#include <algorithm>
#include <utility>

#include "core/check.hpp"

namespace ttft::protocol {

namespace {

// UTF-8 code points: every byte that is not a continuation byte (10xxxxxx) starts one.
std::int64_t code_points(std::string_view text) {
  return static_cast<std::int64_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::text: return "text";
    case TokenKind::reasoning: return "reasoning";
    case TokenKind::tool_call: return "tool_call";
  }
  return "text";
}

StreamDecoder::StreamDecoder(std::unique_ptr<Adapter> adapter, std::size_t max_event_bytes)
    : StreamDecoder(max_event_bytes) {
  TTFT_CHECK(adapter != nullptr, "a stream decoder needs an adapter");
  use_adapter(std::move(adapter));
}

StreamDecoder::StreamDecoder(std::size_t max_event_bytes)
    : framing_(Framing::sse), sse_(max_event_bytes), lines_(max_event_bytes) {}

StreamDecoder StreamDecoder::detecting(std::string request_protocol, std::size_t max_event_bytes) {
  StreamDecoder decoder(max_event_bytes);
  decoder.detector_ = std::make_unique<ProtocolDetector>(std::move(request_protocol), max_event_bytes);
  return decoder;
}

Result<StreamDecoder> StreamDecoder::for_protocol(std::string_view name, std::string_view url,
                                                  std::size_t max_event_bytes) {
  if (name == kAutoProtocol) {
    return detecting(std::string(request_protocol(name, url)), max_event_bytes);
  }
  auto adapter = make_adapter(name);
  if (!adapter) return tl::unexpected(adapter.error());
  return StreamDecoder(std::move(*adapter), max_event_bytes);
}

Result<StreamDecoder> StreamDecoder::whole_body(std::string_view name, std::size_t max_body_bytes) {
  TTFT_CHECK(max_body_bytes > 0, "a whole body decoder needs a size bound");
  if (!has_completion_form(name)) {
    return fail("", "protocol \"" + std::string(name) + "\" has no non-streaming form");
  }
  auto adapter = make_adapter(name);
  if (!adapter) return tl::unexpected(adapter.error());
  StreamDecoder decoder(std::move(*adapter));
  decoder.whole_body_max_bytes_ = max_body_bytes;
  // A whole body is not a stream of tokens: without usage its tokens are estimated from its text.
  decoder.record_.events_are_tokens = false;
  return decoder;
}

StreamDecoder StreamDecoder::embeddings(EmbeddingsFormat format, std::size_t expected_vectors,
                                        std::optional<std::int64_t> expected_dimensions,
                                        std::size_t max_body_bytes) {
  TTFT_CHECK(max_body_bytes > 0, "an embeddings decoder needs a size bound");
  StreamDecoder decoder(kDefaultMaxEventBytes);
  decoder.whole_body_max_bytes_ = max_body_bytes;
  decoder.embeddings_ = EmbeddingsExpectation{format, expected_vectors, expected_dimensions};
  decoder.record_.events_are_tokens = false;
  return decoder;
}

void StreamDecoder::use_adapter(std::unique_ptr<Adapter> adapter) {
  adapter_ = std::move(adapter);
  framing_ = adapter_->framing();
  if (const std::string_view field = adapter_->extra_sse_field(); !field.empty()) {
    sse_.deliver_field(std::string(field));
  }
  record_.events_are_tokens = adapter_->events_are_tokens();
}

void StreamDecoder::on_response_headers(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  if (detector_) detector_->set_hints(response_hints(headers));
}

std::optional<Framing> StreamDecoder::framing() const {
  if (adapter_ == nullptr) return std::nullopt;
  return framing_;
}

bool StreamDecoder::feed(std::string_view bytes, Nanos arrival_ns) {
  if (record_.stream_error || record_.protocol_error) return false;
  if (reads_whole_body()) {
    // Only appended here: the body is read once it is complete, off the read path.
    if (whole_body_.size() + bytes.size() > whole_body_max_bytes_) {
      record_.protocol_error = "response body larger than " + std::to_string(whole_body_max_bytes_) + " bytes";
      return false;
    }
    whole_body_.append(bytes);
    return true;
  }
  return detector_ ? detect(bytes, arrival_ns) : decode(bytes, arrival_ns);
}

bool StreamDecoder::detect(std::string_view bytes, Nanos arrival_ns) {
  held_.push_back(HeldRead{std::string(bytes), arrival_ns});
  if (!detector_->feed(bytes)) return true;
  if (!detector_->failure().empty()) {
    record_.protocol_error = detector_->failure();
    return false;
  }
  return start_detected();
}

bool StreamDecoder::start_detected() {
  auto adapter = make_adapter(detector_->protocol());
  TTFT_CHECK(adapter.has_value(), "the detector names only protocols the registry knows");
  record_.detected_protocol = detector_->protocol();
  use_adapter(std::move(*adapter));
  detector_.reset();
  // The reads go through the adapter as if it had been chosen up front: the first event is
  // stamped with the arrival of the read that completed it, however late detection came.
  const std::vector<HeldRead> held = std::move(held_);
  held_.clear();
  for (const HeldRead& read : held) {
    if (!decode(read.bytes, read.arrival_ns)) return false;
  }
  return true;
}

bool StreamDecoder::decode(std::string_view bytes, Nanos arrival_ns) {
  const auto handler = [this, arrival_ns](const Event& event) { on_event(event, arrival_ns); };
  bool framed = true;
  switch (framing_) {
    case Framing::sse: framed = sse_.feed(bytes, handler); break;
    case Framing::ndjson: framed = lines_.feed(bytes, handler); break;
    case Framing::text: framed = text_.feed(bytes, handler); break;
  }
  // An error event earlier in the same read wins over an overflow later in it, and so does the
  // terminator: what follows it is not part of the answer (a fuzzing find).
  if (!framed && !record_.terminated && !record_.stream_error && !record_.protocol_error) {
    record_.protocol_error = std::string(framing_ == Framing::sse ? "event" : "line") +
                             " larger than " + std::to_string(sse_.max_event_bytes()) + " bytes";
  }
  return !record_.stream_error && !record_.protocol_error;
}

void StreamDecoder::finish(Nanos eof_ns) {
  if (detector_ && !record_.protocol_error) {
    detector_->finish();
    if (!detector_->protocol().empty()) {
      start_detected();
    } else if (!detector_->failure().empty()) {
      record_.protocol_error = detector_->failure();
    }
  }
  if (reads_whole_body() && !record_.protocol_error) read_whole_body();
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
  if (take_errors(meaning)) return;
  // A tool call's first delta is the first token of an agent's answer (docs/metrics.md
  // ("First token")), but its arguments are no text: never text_bytes, never a content event.
  if (!record_.first_token_ns && (!meaning.text.empty() || !meaning.reasoning.empty() || meaning.tool_call)) {
    record_.first_token_ns = arrival_ns;
    record_.first_token_kind = !meaning.text.empty()        ? TokenKind::text
                               : !meaning.reasoning.empty() ? TokenKind::reasoning
                                                            : TokenKind::tool_call;
  }
  add_tool_call_deltas(meaning.tool_call_deltas);
  if (!meaning.text.empty() || !meaning.reasoning.empty()) {
    record_.last_token_ns = arrival_ns;
    record_.content_event_ns.push_back(arrival_ns);
    ++record_.content_events;
    record_.text_bytes += static_cast<std::int64_t>(meaning.text.size() + meaning.reasoning.size());
    record_.reasoning_chars += code_points(meaning.reasoning);
    if (keep_answer_text_) record_.answer_text += meaning.text;
  }
  // What the user sees first: text or a tool call, never reasoning (docs/metrics.md ("First answer")).
  // Stamped with the same arrival time as every other fact of this event.
  if ((!meaning.text.empty() || meaning.tool_call) && !record_.first_answer_ns) {
    record_.first_answer_ns = arrival_ns;
  }
  add_usage(meaning);
  if (meaning.end_of_stream) {
    record_.terminated = true;
    record_.end_ns = arrival_ns;
  }
}

void StreamDecoder::read_whole_body() {
  if (embeddings_) return read_embeddings_body();
  EventMeaning meaning = parse_completion(adapter_->name(), whole_body_);
  whole_body_.clear();
  whole_body_.shrink_to_fit();
  if (take_errors(meaning)) return;
  record_.text_bytes = static_cast<std::int64_t>(meaning.text.size() + meaning.reasoning.size());
  record_.reasoning_chars = code_points(meaning.reasoning);
  if (keep_answer_text_) record_.answer_text = meaning.text;
  add_usage(meaning);
  record_.terminated = meaning.end_of_stream;
}

void StreamDecoder::read_embeddings_body() {
  EmbeddingsReading reading =
      parse_embeddings(embeddings_->format, whole_body_, embeddings_->vectors, embeddings_->dimensions);
  whole_body_.clear();
  whole_body_.shrink_to_fit();
  record_.vectors = reading.vectors;
  record_.dimensions = reading.dimensions;
  record_.input_tokens = reading.input_tokens;
  record_.terminated = reading.complete();
  record_.stream_error = std::move(reading.error);
  record_.protocol_error = std::move(reading.protocol_error);
}

bool StreamDecoder::take_errors(EventMeaning& meaning) {
  if (meaning.error) {
    record_.stream_error = std::move(meaning.error);
  } else if (meaning.protocol_error) {
    record_.protocol_error = std::move(meaning.protocol_error);
  } else {
    return false;
  }
  return true;
}

void StreamDecoder::add_usage(EventMeaning& meaning) {
  // Usage is a running total in several protocols (Anthropic, Workers AI): the last value wins.
  if (meaning.input_tokens) record_.input_tokens = meaning.input_tokens;
  if (meaning.output_tokens) record_.output_tokens = meaning.output_tokens;
  if (meaning.reasoning_tokens) record_.reasoning_tokens = meaning.reasoning_tokens;
  if (meaning.cached_input_tokens) record_.cached_input_tokens = meaning.cached_input_tokens;
  if (meaning.cache_write_tokens) record_.cache_write_tokens = meaning.cache_write_tokens;
  if (meaning.server_timings) record_.server_timings = std::move(meaning.server_timings);
  if (meaning.finish_reason) record_.finish_reason = std::move(meaning.finish_reason);
}

void StreamDecoder::add_tool_call_deltas(std::vector<ToolCallDelta>& deltas) {
  for (ToolCallDelta& delta : deltas) {
    const auto known = delta.key.empty() ? tool_call_keys_.end()
                                         : std::find(tool_call_keys_.begin(), tool_call_keys_.end(), delta.key);
    ToolCall* call = nullptr;
    if (known == tool_call_keys_.end()) {
      tool_call_keys_.push_back(std::move(delta.key));
      call = &record_.tool_calls.emplace_back();
    } else {
      call = &record_.tool_calls[static_cast<std::size_t>(known - tool_call_keys_.begin())];
    }
    if (call->name.empty()) call->name = std::move(delta.name);
    if (!delta.whole) {
      call->arguments += delta.arguments;
    } else if (call->arguments.empty()) {
      call->arguments = std::move(delta.arguments);
    }
  }
}

}  // namespace ttft::protocol
