// libFuzzer target: every protocol adapter (and `auto`) behind the StreamDecoder, the path the
// driver uses. The body is decoded one byte per read (byte k arriving at time k) and in the reads
// a control byte chooses (each stamped with its last byte's offset); the two records must agree
// once the first one's times are mapped to the read holding that byte, and each must be
// consistent in itself. For the adapters with a JSON fast path (openai-chat, workers-ai,
// anthropic), the split reads must also give the very record the nlohmann-only reader gives.
//
// Input: `PROTOCOL\n` (a name from protocol_names(); any other line picks one by its hash), two
// control bytes, then the body. Control byte 1: the split (0 = one read). Control byte 2: bits 0-1
// max_event_bytes (the default, 32, 256 or 4096), bits 2-4 the response headers, bits 5-6 the
// request URL (both matter to `auto` only).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/adapter.hpp"
#include "protocol/anthropic.hpp"
#include "protocol/json_scan.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/stream_decoder.hpp"
#include "protocol/workers_ai.hpp"
#include "fuzz_support.hpp"

namespace {

using ttft::Nanos;
using ttft::protocol::Framing;
using ttft::protocol::StreamDecoder;
using ttft::protocol::StreamRecord;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Setup {
  std::string protocol;
  std::size_t max_event_bytes = ttft::protocol::kDefaultMaxEventBytes;
  Headers headers;
  std::string_view url;
};

struct Decoded {
  StreamRecord record;
  bool complete = false;
  std::optional<Framing> framing;
};

std::string_view take_protocol(std::string_view& input) {
  constexpr std::size_t kLongestName = 32;
  const std::size_t eol = input.substr(0, kLongestName + 1).find('\n');
  if (eol == std::string_view::npos) return {};
  const std::string_view name = input.substr(0, eol);
  input.remove_prefix(eol + 1);
  return name;
}

std::string pick_protocol(std::string_view name) {
  const std::vector<std::string>& names = ttft::protocol::protocol_names();
  for (const std::string& known : names) {
    if (known == name) return known;
  }
  std::uint32_t hash = 2166136261U;  // FNV-1a
  for (const char c : name) hash = (hash ^ static_cast<std::uint8_t>(c)) * 16777619U;
  return names[hash % names.size()];
}

Setup read_setup(std::string_view& input, std::uint8_t& split) {
  static const std::array<Headers, 8> kHeaders = {{
      {},
      {{"Content-Type", "text/event-stream"}},
      {{"content-type", "application/x-ndjson"}},
      {{"Content-Type", "text/plain; charset=utf-8"}},
      {{"Content-Type", "application/json"}},
      {{"Content-Type", "text/event-stream"}, {"x-vercel-ai-ui-message-stream", "v1"}},
      {{"Content-Type", "text/plain"}, {"X-Vercel-AI-Data-Stream", "v1"}},
      {{"Content-Type", "Text/Event-Stream; charset=UTF-8"}},
  }};
  constexpr std::array<std::string_view, 4> kUrls = {
      "http://127.0.0.1:8080/v1/chat/completions", "http://127.0.0.1:8080/v1/messages",
      "http://127.0.0.1:8080/client/v4/accounts/a/ai/run/@cf/meta/llama",
      "http://127.0.0.1:8080/api/chat"};
  constexpr std::array<std::size_t, 4> kMaxEventBytes = {ttft::protocol::kDefaultMaxEventBytes, 32,
                                                         256, 4096};
  Setup setup;
  setup.protocol = pick_protocol(take_protocol(input));
  split = ttft::fuzz::take_byte(input);
  const std::uint8_t options = ttft::fuzz::take_byte(input);
  setup.max_event_bytes = kMaxEventBytes[options & 0x03];
  setup.headers = kHeaders[(options >> 2) & 0x07];
  setup.url = kUrls[(options >> 5) & 0x03];
  return setup;
}

// Feeds the body in the reads ending at `ends`, each at its last byte's offset, and stops when
// the decoder says so, as the driver does; the body ends at time body.size().
Decoded decode(const Setup& setup, std::string_view body, const std::vector<std::size_t>& ends) {
  auto decoder = StreamDecoder::for_protocol(setup.protocol, setup.url, setup.max_event_bytes);
  FUZZ_REQUIRE(decoder.has_value());
  decoder->on_response_headers(setup.headers);
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    if (!decoder->feed(body.substr(begin, end - begin), static_cast<Nanos>(end - 1))) break;
    begin = end;
  }
  decoder->finish(static_cast<Nanos>(body.size()));
  return Decoded{decoder->record(), decoder->complete(), decoder->framing()};
}

// For the adapters with a JSON fast path (json_scan): the same adapter reading every
// event with nlohmann only, the reference the fast path must match exactly; else nullptr.
std::unique_ptr<ttft::protocol::Adapter> full_parser_adapter(std::string_view protocol) {
  using ttft::protocol::json_scan::JsonReading;
  if (protocol == "openai-chat") {
    return std::make_unique<ttft::protocol::OpenAiChatAdapter>(JsonReading::full_parser);
  }
  if (protocol == "workers-ai") {
    return std::make_unique<ttft::protocol::WorkersAiAdapter>(JsonReading::full_parser);
  }
  if (protocol == "anthropic") {
    return std::make_unique<ttft::protocol::AnthropicAdapter>(JsonReading::full_parser);
  }
  return nullptr;
}

// decode() with the full-parser adapter.
Decoded decode_full_parser(const Setup& setup, std::string_view body, const std::vector<std::size_t>& ends) {
  StreamDecoder decoder(full_parser_adapter(setup.protocol), setup.max_event_bytes);
  decoder.on_response_headers(setup.headers);
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    if (!decoder.feed(body.substr(begin, end - begin), static_cast<Nanos>(end - 1))) break;
    begin = end;
  }
  decoder.finish(static_cast<Nanos>(body.size()));
  return Decoded{decoder.record(), decoder.complete(), decoder.framing()};
}

// What two decodings of the same bytes must agree on whatever their reads: the answer itself.
void require_same_answer(const Decoded& x, const Decoded& y) {
  const StreamRecord& a = x.record;
  const StreamRecord& b = y.record;
  FUZZ_REQUIRE(a.first_token_kind == b.first_token_kind);
  FUZZ_REQUIRE(a.tool_calls == b.tool_calls);
  FUZZ_REQUIRE(a.text_bytes == b.text_bytes);
  FUZZ_REQUIRE(a.input_tokens == b.input_tokens);
  FUZZ_REQUIRE(a.output_tokens == b.output_tokens);
  FUZZ_REQUIRE(a.reasoning_tokens == b.reasoning_tokens);
  FUZZ_REQUIRE(a.cached_input_tokens == b.cached_input_tokens);
  FUZZ_REQUIRE(a.cache_write_tokens == b.cache_write_tokens);
  FUZZ_REQUIRE(a.first_answer_ns.has_value() == b.first_answer_ns.has_value());
  FUZZ_REQUIRE(a.terminated == b.terminated);
  FUZZ_REQUIRE(a.stream_error == b.stream_error);
  FUZZ_REQUIRE(a.protocol_error == b.protocol_error);
  FUZZ_REQUIRE(a.server_timings.has_value() == b.server_timings.has_value());
  FUZZ_REQUIRE(x.complete == y.complete);
}

// Same reads, same times: every field must be equal, not just equivalent.
void check_identical(const Decoded& fast, const Decoded& full) {
  require_same_answer(fast, full);
  const StreamRecord& a = fast.record;
  const StreamRecord& b = full.record;
  FUZZ_REQUIRE(a.first_event_ns == b.first_event_ns);
  FUZZ_REQUIRE(a.first_token_ns == b.first_token_ns);
  FUZZ_REQUIRE(a.first_answer_ns == b.first_answer_ns);
  FUZZ_REQUIRE(a.last_token_ns == b.last_token_ns);
  FUZZ_REQUIRE(a.end_ns == b.end_ns);
  FUZZ_REQUIRE(a.content_event_ns == b.content_event_ns);
  FUZZ_REQUIRE(a.events == b.events);
  FUZZ_REQUIRE(a.content_events == b.content_events);
}

// The record's fields on stderr, for a failed invariant.
void print(const char* label, const Decoded& decoded) {
  const StreamRecord& r = decoded.record;
  const auto time = [](std::optional<Nanos> t) { return t ? static_cast<long long>(*t) : -1LL; };
  std::fprintf(stderr,
               "%s: first_event=%lld first_token=%lld first_answer=%lld last_token=%lld end=%lld "
               "events=%lld content_events=%lld text_bytes=%lld terminated=%d detected=%s\n"
               "  stream_error=%s\n  protocol_error=%s\n",
               label, time(r.first_event_ns), time(r.first_token_ns), time(r.first_answer_ns),
               time(r.last_token_ns),
               time(r.end_ns), static_cast<long long>(r.events),
               static_cast<long long>(r.content_events), static_cast<long long>(r.text_bytes),
               int(r.terminated), r.detected_protocol.c_str(), r.stream_error.value_or("-").c_str(),
               r.protocol_error.value_or("-").c_str());
}

// What must hold of any record, whatever the bytes.
void check_consistent(const Setup& setup, const Decoded& decoded) {
  const StreamRecord& r = decoded.record;
  FUZZ_REQUIRE(r.first_event_ns.has_value() == (r.events > 0));
  // A first token is text, reasoning or a tool call's first delta; only text and reasoning are
  // content events (a call's arguments are no text).
  const bool tool_call_first = r.first_token_kind == ttft::protocol::TokenKind::tool_call;
  FUZZ_REQUIRE(r.first_token_ns.has_value() == (r.content_events > 0 || tool_call_first));
  FUZZ_REQUIRE(r.last_token_ns.has_value() == (r.content_events > 0));
  FUZZ_REQUIRE(r.content_events <= r.events);
  FUZZ_REQUIRE(r.content_event_ns.size() == static_cast<std::size_t>(r.content_events));
  FUZZ_REQUIRE(r.text_bytes >= r.content_events);  // every content event has some text
  FUZZ_REQUIRE(r.end_ns.has_value());
  if (r.first_token_ns) {
    FUZZ_REQUIRE(*r.first_event_ns <= *r.first_token_ns);
    FUZZ_REQUIRE(*r.first_token_ns <= *r.end_ns);
  }
  if (r.last_token_ns) {
    FUZZ_REQUIRE(*r.first_token_ns <= *r.last_token_ns);
    FUZZ_REQUIRE(*r.last_token_ns <= *r.end_ns);
    // A first token of text or reasoning is the first content event; a tool call may precede it.
    FUZZ_REQUIRE(tool_call_first ? r.content_event_ns.front() >= *r.first_token_ns
                                 : r.content_event_ns.front() == *r.first_token_ns);
    FUZZ_REQUIRE(r.content_event_ns.back() == *r.last_token_ns);
    FUZZ_REQUIRE(std::is_sorted(r.content_event_ns.begin(), r.content_event_ns.end()));
  }
  if (r.first_event_ns) FUZZ_REQUIRE(*r.first_event_ns <= *r.end_ns);
  // The first answer is an event (text or a tool call); a first token with text is one, so the
  // first answer came no later (a tool call may come first).
  if (r.first_answer_ns) {
    FUZZ_REQUIRE(r.first_event_ns && *r.first_event_ns <= *r.first_answer_ns);
    FUZZ_REQUIRE(*r.first_answer_ns <= *r.end_ns);
  }
  if (r.first_token_ns && r.first_token_kind != ttft::protocol::TokenKind::reasoning) {
    FUZZ_REQUIRE(r.first_answer_ns && *r.first_answer_ns <= *r.first_token_ns);
  }
  FUZZ_REQUIRE(!(r.stream_error && r.protocol_error));
  // After the terminator nothing is part of the answer, so nothing can fail it.
  FUZZ_REQUIRE(!(r.terminated && (r.stream_error || r.protocol_error)));
  if (setup.protocol == ttft::protocol::kAutoProtocol) {
    FUZZ_REQUIRE(r.detected_protocol.empty() == !decoded.framing.has_value());
  } else {
    FUZZ_REQUIRE(r.detected_protocol.empty());
    FUZZ_REQUIRE(decoded.framing.has_value());
  }
}

// `split` must be `reference` (decoded one byte per read) with each time moved to its read's.
void check_same(const Decoded& reference, const Decoded& split, const std::vector<std::size_t>& ends) {
  const StreamRecord& a = reference.record;
  const StreamRecord& b = split.record;
  const auto at = [&ends](std::optional<Nanos> time) -> std::optional<Nanos> {
    if (!time) return std::nullopt;
    return static_cast<Nanos>(ttft::fuzz::read_time(ends, static_cast<std::size_t>(*time)));
  };
  require_same_answer(reference, split);
  FUZZ_REQUIRE(at(a.first_event_ns) == b.first_event_ns);
  FUZZ_REQUIRE(at(a.first_token_ns) == b.first_token_ns);
  FUZZ_REQUIRE(at(a.first_answer_ns) == b.first_answer_ns);
  FUZZ_REQUIRE(at(a.last_token_ns) == b.last_token_ns);
  FUZZ_REQUIRE(at(a.end_ns) == b.end_ns);
  FUZZ_REQUIRE(a.events_are_tokens == b.events_are_tokens);
  FUZZ_REQUIRE(a.detected_protocol == b.detected_protocol);
  FUZZ_REQUIRE(reference.framing == split.framing);
  // A plain text stream has one event per read that carries text, so only there do the event
  // counts and content times depend on the split.
  if (split.framing == Framing::text) return;
  FUZZ_REQUIRE(a.events == b.events);
  FUZZ_REQUIRE(a.content_events == b.content_events);
  for (std::size_t i = 0; i < a.content_event_ns.size(); ++i) {
    FUZZ_REQUIRE(at(a.content_event_ns[i]) == b.content_event_ns[i]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::uint8_t split = 0;
  const Setup setup = read_setup(body, split);

  std::vector<std::size_t> every_byte(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) every_byte[i] = i + 1;
  const std::vector<std::size_t> ends = ttft::fuzz::read_ends(body.size(), split);
  Decoded reference;
  Decoded chunked;
  Decoded full;  // the split with nlohmann only, for the adapters with a JSON fast path
  ttft::fuzz::violation_context() = [&] {
    std::fprintf(stderr, "protocol %s, max_event_bytes %zu, %zu reads\n", setup.protocol.c_str(),
                 setup.max_event_bytes, ends.size());
    print("one byte per read", reference);
    print("split", chunked);
    print("split, nlohmann only", full);
  };

  reference = decode(setup, body, every_byte);
  check_consistent(setup, reference);
  chunked = decode(setup, body, ends);
  check_consistent(setup, chunked);
  check_same(reference, chunked, ends);
  if (full_parser_adapter(setup.protocol) != nullptr) {
    full = decode_full_parser(setup, body, ends);
    check_identical(chunked, full);
  }
  ttft::fuzz::violation_context() = nullptr;
  return 0;
}
