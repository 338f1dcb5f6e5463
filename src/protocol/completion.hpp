// Non-streaming chat requests (a target's "stream": false): which protocols have that form, the
// URL it is sent to, and reading the one JSON body that answers it. Pure: no I/O, no clock.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "protocol/event.hpp"

namespace ttft::protocol {

/// The most bytes of a non-streaming response body that are read; a larger one is a protocol error.
inline constexpr std::size_t kMaxCompletionBytes = std::size_t{16} << 20;

/// The protocols with a non-streaming form, in protocol_names() order.
const std::vector<std::string>& completion_protocols();

/// True when `protocol` has a non-streaming form (sse, text, vercel-* and auto have none).
bool has_completion_form(std::string_view protocol);

/// The error for `"stream": false` with a protocol without that form: "protocol \"sse\" has no
/// non-streaming form", with the hint naming the protocols that have one.
Error no_completion_form(std::string_view protocol, std::string where);

/// The URL a non-streaming request goes to: `url` itself, except for gemini, whose
/// `:streamGenerateContent` becomes `:generateContent` and whose `alt=sse` query parameter is dropped.
std::string completion_url(std::string_view protocol, std::string_view url);

/// Reads a whole non-streaming response body of `protocol` (a 2xx): the answer text, reasoning,
/// whether it holds a tool call, the usage counts, a provider error (`error`) or, for a body that
/// is not the protocol's JSON (not JSON, cut short, another shape), a `protocol_error`.
/// end_of_stream is true when the body was read as a complete response.
EventMeaning parse_completion(std::string_view protocol, std::string_view body);

}  // namespace ttft::protocol
