// One HTTP request of an export, with libcurl's easy interface and its own handle: never the
// run's event loop. Blocking; called only from the export thread.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"

namespace ttft::telemetry {

struct HttpRequest {
  std::string method;                // "POST" or "PUT"
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

struct HttpOutcome {
  bool ok = false;         // a 2xx answer
  bool retryable = false;  // no answer, 429 or 5xx
  std::string detail;      // "HTTP 400: <start of the body>", "couldn't connect to server", ...
};

/// Sends `request`, giving up after `timeout_ns` (connect included).
HttpOutcome http_send(const HttpRequest& request, Nanos timeout_ns);

}  // namespace ttft::telemetry
