// Test helpers for the protocol module: load fixture streams and feed them through a
// StreamDecoder cut into chosen pieces, each piece with its own arrival time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/stream_decoder.hpp"

namespace ttft::protocol::testing {

/// The bytes of tests/fixtures/streams/<relative>; fails the test when unreadable.
std::string load_stream(const std::string& relative);

/// A fresh adapter by protocol name; fails the test when unknown.
std::unique_ptr<Adapter> adapter_for(std::string_view protocol);

/// Feeds `bytes` cut at `cuts` (ascending offsets). Piece i arrives at time i + 1, and the body
/// ends at time pieces + 1. Feeding stops when the decoder says so, as the driver does.
StreamRecord decode_pieces(std::string_view protocol, std::string_view bytes,
                           const std::vector<std::size_t>& cuts);

/// Feeds one byte per read, byte i arriving at time i, so every time in the record is the
/// offset of the byte that completed the event; the body ends at time bytes.size().
StreamRecord decode_bytewise(std::string_view protocol, std::string_view bytes);

/// Response headers, as the driver hands them to a decoder.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// A decoder for protocol `auto` whose request went to `url`, after the response `headers`.
StreamDecoder auto_decoder(std::string_view url, const Headers& headers);

/// Feeds `bytes` to `decoder` one byte per read, timed as in decode_bytewise.
StreamRecord feed_bytewise(StreamDecoder decoder, std::string_view bytes);

/// Feeds `bytes` to `decoder` in one read at time 1; the body ends at time 2.
StreamRecord feed_whole(StreamDecoder decoder, std::string_view bytes);

/// The offset of the terminator of the nth (1-based) empty line in a stream whose lines all end
/// with `eol`: the byte that dispatches an event, so its arrival time in decode_bytewise.
ttft::Nanos blank_line_offset(std::string_view bytes, int nth, std::string_view eol = "\n");

/// The offset of the nth (1-based) LF: the byte that completes a line event, so its arrival time
/// in decode_bytewise.
ttft::Nanos line_end_offset(std::string_view bytes, int nth);

/// Every field of a record on one line, for comparisons with a readable failure.
std::string describe(const StreamRecord& record);

/// Checks that cutting `bytes` at `cuts` gives the byte-wise record with each time mapped to
/// the piece that holds that byte, for every single cut (and every pair when `pairs`).
void check_every_split(std::string_view protocol, std::string_view bytes, bool pairs = false);

}  // namespace ttft::protocol::testing
