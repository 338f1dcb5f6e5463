// Long synthetic response bodies, one per protocol, for the parser benchmarks: the event shapes
// of tests/fixtures/streams/<protocol>/ and docs/protocols.md, with realistic token texts
// (words, punctuation, newlines, quotes, non-ASCII) repeated for a few thousand content events.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::bench {

/// One body, kept as its frames (the bytes one event needs, in order) so a benchmark can feed
/// it one event per read as well as in large reads.
struct StreamMix {
  std::string protocol;               // the adapter's name ("openai-chat")
  std::vector<std::string> frames;    // the body, cut after each event's terminator
  std::string body;                   // all frames joined
  std::size_t content_events = 0;     // frames carrying one token each
};

/// The protocols a mix exists for, in protocol_names() order.
const std::vector<std::string>& mix_protocols();

/// The body of `protocol` with `tokens` content events, plus its usual opening and closing
/// events. Deterministic. Aborts for a protocol not in mix_protocols().
StreamMix make_stream_mix(std::string_view protocol, std::size_t tokens);

/// The body cut into reads of at most `read_bytes` bytes (the last one shorter), as a socket
/// delivers a backlog; cuts fall anywhere, inside events and characters too.
std::vector<std::string_view> cut_reads(std::string_view body, std::size_t read_bytes);

}  // namespace ttft::bench
