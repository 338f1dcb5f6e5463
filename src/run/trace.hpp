// The --verbose trace on stderr: request line and headers, response status, headers and first
// bytes. Header values the user supplied are never printed (they carry keys), and known secrets
// are redacted from everything the server sent back.
#pragma once

#include "core/io.hpp"
#include "core/redact.hpp"
#include "driver/request.hpp"

namespace ttft::run {

/// The request line and headers; only the request id's value is shown, through `redactor` (a user
/// may set that header from a secret too).
void trace_request(const driver::RequestSpec& spec, const Redactor& redactor, Io& io);
void trace_response(const driver::Outcome& outcome, const Redactor& redactor, Io& io);

}  // namespace ttft::run
