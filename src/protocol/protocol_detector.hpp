// Protocol `auto` (docs/protocols.md ("auto")): names the protocol of a response from its headers and its
// first complete event or line. Pure: it sees the body's bytes, never their arrival times; the
// StreamDecoder keeps the reads and replays them, times included, through the detected
// protocol's adapter, so detecting never moves a timestamp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/event.hpp"
#include "protocol/line_parser.hpp"
#include "protocol/sse_parser.hpp"

namespace ttft::protocol {

/// What the response headers say before the body does.
struct ResponseHints {
  std::string media_type;          // Content-Type without parameters, lowercase; "" = none
  bool ui_message_stream = false;  // x-vercel-ai-ui-message-stream: v1 (AI SDK 5)
  bool data_stream = false;        // x-vercel-ai-data-stream: v1 (AI SDK 4)
};

/// The hints in a response's headers; names match case-insensitively.
ResponseHints response_hints(const std::vector<std::pair<std::string, std::string>>& headers);

class ProtocolDetector {
 public:
  /// `request_protocol` is the protocol whose body was sent (request_protocol()). A first event
  /// that reports an error goes to it: the request was shaped for that provider, and its adapter
  /// reads that provider's errors.
  explicit ProtocolDetector(std::string request_protocol,
                            std::size_t max_event_bytes = kDefaultMaxEventBytes);

  /// The response's hints; call before the first feed. Without them the body's first bytes
  /// choose the framing (`{` lines, `data:`/`event:`/`:` SSE, anything else text).
  void set_hints(const ResponseHints& hints);

  /// Looks at the next body bytes; returns done().
  bool feed(std::string_view bytes);

  /// The body ended. Text that never finished its first line is text; any other undecided body
  /// with bytes fails. An empty body decides nothing and fails nothing (the driver's usual
  /// classes apply).
  void finish();

  bool done() const { return !protocol_.empty() || !failure_.empty(); }
  const std::string& protocol() const { return protocol_; }  // "" until decided
  const std::string& failure() const { return failure_; }    // "" unless detection failed

 private:
  enum class Probe { sniff, sse, lines, text };

  void use_probe(Probe probe);
  void feed_probe(std::string_view bytes);
  void sniff();
  void read_text_head();
  void on_sse_event(const Event& event);
  void on_line(const Event& event);
  void decide(std::string_view protocol);
  void fail(std::string why);
  std::string body_preview() const;

  std::string request_protocol_;
  std::size_t max_event_bytes_;
  ResponseHints hints_;
  Probe probe_ = Probe::sniff;
  SseParser sse_;
  LineParser lines_;
  std::string head_;  // the body's first bytes (at most max_event_bytes + 1)
  std::size_t seen_bytes_ = 0;
  std::string protocol_;
  std::string failure_;
};

}  // namespace ttft::protocol
