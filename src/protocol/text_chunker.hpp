// Framing of a plain text stream (the AI SDK's toTextStreamResponse, docs/protocols.md ("text")):
// there is no framing, so every read that carries text is one event, and the first body bytes
// are the first event and the first token. Never reads a clock; holds at most
// the 3 bytes of a character split across reads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/event.hpp"
#include "protocol/sse_parser.hpp"

namespace ttft::protocol {

class TextChunker {
 public:
  /// Calls on_event with Event{"text", <bytes>} for the read's bytes, unless they are empty. A
  /// character split across reads is held back and delivered whole with the next read, so every
  /// event is whole characters (docs/protocols.md ("How a body becomes events")). Never fails; returns true.
  bool feed(std::string_view bytes, const SseParser::EventHandler& on_event);

  /// End of stream: the bytes of an unfinished character are discarded.
  void finish() { held_.clear(); }

 private:
  std::string held_;  // the start of a character whose other bytes have not arrived
  std::string joined_;
};

}  // namespace ttft::protocol
