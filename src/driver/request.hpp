// What the driver is asked to send, and what it hands back when the request has ended.
// No libcurl types here: callers build RequestSpecs and read Outcomes without including curl.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "protocol/embeddings.hpp"
#include "protocol/sse_parser.hpp"
#include "protocol/stream_decoder.hpp"

namespace ttft::driver {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Timeouts {
  Nanos connect_ns = 10 * kNanosPerSecond;      // DNS + TCP + TLS
  Nanos first_event_ns = 30 * kNanosPerSecond;  // t0 to the first dispatched event
  Nanos total_ns = 120 * kNanosPerSecond;       // t0 to the end of the stream
};

/// Which HTTP version a request asks for (a target's "http", docs/scenario.md ("HTTP versions and multiplexing")).
enum class HttpVersion {
  automatic,  // HTTP/2 when TLS negotiates it (ALPN), HTTP/1.1 otherwise
  http1_1,
  http2,      // over TLS as negotiated; over cleartext with prior knowledge
};

/// What an embeddings response must hold: a vector per input, each of the asked length.
struct EmbeddingsCheck {
  protocol::EmbeddingsFormat format = protocol::EmbeddingsFormat::openai;
  std::size_t vectors = 0;
  std::optional<std::int64_t> dimensions;  // unset: any, as long as every vector has the same
};

struct RequestSpec {
  std::uint64_t tag = 0;       // the caller's id, returned in the Outcome
  std::string url;
  std::string protocol;        // adapter name (protocol::make_adapter)
  HeaderList headers;          // sent as given, after the driver's defaults they replace
  std::string body;
  Timeouts timeouts;
  bool reuse_connection = false;   // false: a fresh connection, closed afterwards
  HttpVersion http_version = HttpVersion::automatic;
  bool multiplex = false;          // may share an HTTP/2 connection with other requests
  bool follow_redirects = false;
  bool tls_insecure = false;
  std::string cacert;              // CA bundle path; empty = system store
  std::size_t max_event_bytes = protocol::kDefaultMaxEventBytes;
  bool keep_answer_text = false;   // collect the answer into Outcome::stream.answer_text
  bool stream = true;              // false: one JSON response, read when it has ended
  std::optional<EmbeddingsCheck> embeddings;  // set: an embeddings request (stream is false)
  bool browser = false;            // sent by the run's side transport (docs/browser.md), not libcurl
};

/// Everything measured about one request. Times are nanoseconds after t0 (the moment the
/// request was handed to libcurl), taken on the monotonic clock.
struct Outcome {
  std::uint64_t tag = 0;
  Nanos t0_ns = 0;                 // absolute monotonic time of t0
  Nanos prepared_ns = 0;           // absolute monotonic: handle, headers and body were ready (before t0)
  WallTime started_wall{};         // wall clock at t0, for started_at
  std::optional<Nanos> dns_ns, connect_ns, tls_ns;  // libcurl's timers (cumulative ends)
  std::optional<Nanos> ttfb_ns;    // response headers complete
  std::optional<Nanos> end_ns;     // end of stream: terminator, or end of body / failure
  std::optional<int> http_status;
  std::string error;               // empty = success, else a class of docs/results.md ("Error classes")
  std::string error_detail;
  std::string pop;
  std::optional<bool> connection_reused;
  std::string http_version;        // the response's: "1.0", "1.1", "2", "3"; "" without one
  HeaderList response_headers;
  std::string body_head;           // the first bytes of the body (for traces and error details)
  protocol::StreamRecord stream;
  // Browser requests only (docs/browser.md ("Clocks")): on the page's clock, after its t0.
  std::optional<Nanos> browser_ttft_ns;   // the read that held the first token
  std::optional<Nanos> browser_paint_ns;  // the animation frame after that read was written
};

}  // namespace ttft::driver
