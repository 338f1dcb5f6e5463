// The --verbose trace on stderr: request line and headers, response status, headers and first
// bytes. Header values the user supplied are never printed (they carry keys), and known secrets
// are redacted from everything the server sent back.
#pragma once

#include "core/io.hpp"
#include "core/redact.hpp"
#include "driver/request.hpp"

namespace ttft::cli {

void trace_request(const driver::RequestSpec& spec, Io& io);
void trace_response(const driver::Outcome& outcome, const Redactor& redactor, Io& io);

}  // namespace ttft::cli
