// A provider protocol: how to build its request body and how to read its stream's events.
// Pure: no I/O, never reads a clock. One instance per request, so an adapter may keep state
// about the stream it is reading.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "protocol/event.hpp"
#include "protocol/workload.hpp"

namespace ttft::protocol {

/// How the response body is cut into events (docs/protocols.md ("How a body becomes events")).
enum class Framing {
  sse,     // WHATWG Server-Sent Events
  ndjson,  // one event per complete line: NDJSON (Ollama), the AI SDK data stream
  text,    // no framing: every read with text is one event (the AI SDK text stream)
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  /// The protocol's name as scenarios and the CSV write it ("openai-chat").
  virtual std::string_view name() const = 0;
  virtual Framing framing() const { return Framing::sse; }

  /// The JSON request body for this workload, with workload.extra_body merged over it.
  virtual std::string build_body(const Workload& workload) const = 0;

  /// Request headers the provider requires (e.g. anthropic-version); the user's headers win.
  virtual std::vector<std::pair<std::string, std::string>> default_headers() const { return {}; }

  /// Reads one dispatched event.
  virtual EventMeaning interpret(const Event& event) = 0;

  /// True when the connection closing is the normal end of the stream (plain `sse`); otherwise
  /// a stream that ends before its terminator is `truncated`. Asked after the last event, so
  /// it may depend on what the stream said (Gemini ends at EOF once a finishReason was seen).
  virtual bool eof_is_normal_end() const { return false; }

  /// False when an event with text is not one token (a plain text stream's reads): the sample's
  /// output tokens are then estimated from the text's length, never counted from events.
  virtual bool events_are_tokens() const { return true; }

  /// A non-standard SSE field to deliver as an event of that type ("" = none): llama.cpp's
  /// `error:` (docs/protocols.md ("llama-cpp")). Only read when framing() is sse.
  virtual std::string_view extra_sse_field() const { return {}; }
};

/// The protocol that is not one: the response's headers and first events decide (docs/protocols.md ("auto")).
inline constexpr std::string_view kAutoProtocol = "auto";

/// Every protocol a scenario or --protocol may name, in the order --help lists them: one per
/// adapter, then `auto`.
const std::vector<std::string>& protocol_names();

/// A fresh adapter for `name`; an error naming the known protocols otherwise (`auto` has none:
/// resolve it with request_protocol first).
Result<std::unique_ptr<Adapter>> make_adapter(std::string_view name);

/// The protocol whose body and headers a request to `url` sends: `name` itself, or for `auto`
/// the URL's shape (docs/protocols.md ("auto")): a path containing /ai/run/ is workers-ai, a path ending in
/// /v1/messages is anthropic, anything else is openai-chat.
std::string_view request_protocol(std::string_view name, std::string_view url);

}  // namespace ttft::protocol
