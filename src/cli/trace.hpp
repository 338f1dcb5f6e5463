// The --verbose trace on stderr: request line and headers, response status, headers and first
// bytes. Header values the user supplied are never printed (they carry keys).
#pragma once

#include "core/io.hpp"
#include "driver/request.hpp"

namespace ttft::cli {

void trace_request(const driver::RequestSpec& spec, Io& io);
void trace_response(const driver::Outcome& outcome, Io& io);

}  // namespace ttft::cli
