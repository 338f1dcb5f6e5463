#include "run/trace.hpp"

#include <ostream>

#include <fmt/format.h>

namespace ttft::run {
namespace {
constexpr std::size_t kTraceBodyBytes = 160;
}

void trace_request(const driver::RequestSpec& spec, const Redactor& redactor, Io& io) {
  io.err << fmt::format("> POST {} ({})\n", spec.url, spec.protocol);
  for (const auto& [name, value] : spec.headers) {
    // Only the request-id header is shown; anything else the user passed may be a secret.
    const bool request_id = name == "X-Request-Id";
    io.err << fmt::format("> {}: {}\n", name, request_id ? redactor.apply(value) : "***");
  }
  io.err << fmt::format("> body: {} bytes\n", spec.body.size());
}

void trace_response(const driver::Outcome& outcome, const Redactor& redactor, Io& io) {
  io.err << fmt::format("< HTTP {}\n", outcome.http_status ? std::to_string(*outcome.http_status) : "-");
  for (const auto& [name, value] : outcome.response_headers) {
    io.err << fmt::format("< {}: {}\n", name, redactor.apply(value));
  }
  std::string first_bytes;
  // Redact the whole head first: a cut could otherwise leave part of a secret unrecognised.
  const std::string head = redactor.apply(outcome.body_head);
  for (const char c : std::string_view(head).substr(0, kTraceBodyBytes)) {
    first_bytes += c == '\n' ? std::string("\\n") : c == '\r' ? std::string("\\r") : std::string(1, c);
  }
  io.err << fmt::format("< first bytes: {}\n", first_bytes);
  io.err << fmt::format("< {} events, error: {}\n", outcome.stream.events,
                        outcome.error.empty() ? "none" : outcome.error);
}

}  // namespace ttft::run
