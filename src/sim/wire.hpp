// HTTP/1.1 bytes the simulator writes itself in raw mode, where it bypasses evhttp: the response
// head, chunked-encoding chunks, a chunk cut short, and the reason phrases of its statuses.
// Pure: builds strings, never writes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ttft::sim {

using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

/// "HTTP/1.1 <status> <reason>\r\n", one "Name: value\r\n" per header, then "\r\n".
std::string response_head(int status, std::string_view reason, const HeaderPairs& headers);

/// One chunk of a chunked body: "<size in hex>\r\n<bytes>\r\n"; "" for no bytes, since an empty
/// chunk would end the body.
std::string chunk(std::string_view bytes);

/// The start of the chunk for `bytes` with only its first half (rounded down): the size line
/// promises more than follows.
std::string cut_chunk(std::string_view bytes);

/// The reason phrase the simulator sends with `status`, or nullptr for evhttp's own.
const char* reason_phrase(int status);

/// The last chunk, which ends a chunked body (no trailers).
constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace ttft::sim
