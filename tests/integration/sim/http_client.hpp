// A small blocking HTTP client over libcurl's easy and multi interfaces, for testing the simulator
// on 127.0.0.1 with real sockets. Every request has a bounded timeout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <curl/curl.h>

#include "core/clock.hpp"

namespace ttft::test {

struct HttpRequest {
  std::string method = "POST";
  std::string path;
  std::string body;
  std::vector<std::string> headers;  // "name: value"
  long timeout_ms = 10'000;
};

struct HttpResponse {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string headers;  // raw header block(s)
  std::string body;     // decoded body bytes (chunked framing removed)
  Nanos started_ns = 0;
  Nanos first_byte_ns = 0;  // 0 when no body byte arrived
  Nanos ended_ns = 0;

  /// The value of a response header (case-insensitive name), "" when absent.
  std::string header(const std::string& name) const;
};

HttpResponse perform(std::uint16_t port, const HttpRequest& request);

/// Runs all requests concurrently (one connection each) with curl's multi interface.
std::vector<HttpResponse> perform_all(std::uint16_t port, const std::vector<HttpRequest>& requests);

/// What the server sent on a plain TCP connection, byte for byte (no HTTP decoding).
struct RawReply {
  std::string bytes;
  std::vector<Nanos> read_ns;  // arrival of each read that returned bytes
  Nanos started_ns = 0;
  bool eof = false;        // the server closed the connection (FIN)
  bool reset = false;      // the server reset the connection (RST)
  bool timed_out = false;  // request.timeout_ms passed first
};

/// Sends `request` as a hand-written HTTP/1.1 request (Content-Length body, Connection: close) over a plain socket
/// and reads until the server closes the connection, `max_bytes` have arrived, or
/// request.timeout_ms has passed.
RawReply raw_exchange(std::uint16_t port, const HttpRequest& request,
                      std::size_t max_bytes = std::size_t{64} << 20);

/// A chat body with one user message of `content` and the given model.
std::string chat_body(const std::string& content, const std::string& model = "test-model");

}  // namespace ttft::test
