// What a response's Content-Type says about its framing: shared by protocol `auto` (which reads
// it to choose a framer) and the driver (which names it when a body is not the expected stream).
// Pure string handling.
#pragma once

#include <string>
#include <string_view>

#include "protocol/adapter.hpp"

namespace ttft::protocol {

/// The media type of a Content-Type value, lowercase, without parameters or spaces:
/// "Text/Event-Stream; charset=utf-8" → "text/event-stream"; "" for "".
std::string media_type(std::string_view content_type);

/// True for the media types NDJSON is served as (application/x-ndjson, application/jsonl, …).
bool is_ndjson_media_type(std::string_view media);

/// True when a body of this media type can hold the framing: text/event-stream for SSE, an NDJSON
/// type or text/plain (the AI SDK data stream) for lines, anything for text.
bool media_type_fits(Framing framing, std::string_view media);

/// What a framing expects, for error details: "an event stream (text/event-stream)",
/// "NDJSON lines", "text".
std::string_view framing_expectation(Framing framing);

}  // namespace ttft::protocol
