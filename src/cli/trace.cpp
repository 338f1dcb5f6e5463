#include "cli/trace.hpp"

#include <ostream>

#include <fmt/format.h>

namespace ttft::cli {

void trace_request(const driver::RequestSpec& spec, Io& io) {
  io.err << fmt::format("> POST {} ({})\n", spec.url, spec.protocol);
  for (const auto& [name, value] : spec.headers) {
    // Only our own request-id header is shown; anything the user passed may be a secret.
    const bool ours = name == "X-Request-Id";
    io.err << fmt::format("> {}: {}\n", name, ours ? value : "***");
  }
  io.err << fmt::format("> body: {} bytes\n", spec.body.size());
}

void trace_response(const driver::Outcome& outcome, Io& io) {
  io.err << fmt::format("< HTTP {}\n", outcome.http_status ? std::to_string(*outcome.http_status) : "-");
  for (const auto& [name, value] : outcome.response_headers) io.err << fmt::format("< {}: {}\n", name, value);
  io.err << fmt::format("< {} events, error: {}\n", outcome.stream.events,
                        outcome.error.empty() ? "none" : outcome.error);
}

}  // namespace ttft::cli
