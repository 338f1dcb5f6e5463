// Plain text framing: each read is one event, cut on a character boundary.
#include "protocol/text_chunker.hpp"

#include "protocol/utf8.hpp"

namespace ttft::protocol {

bool TextChunker::feed(std::string_view bytes, const SseParser::EventHandler& on_event) {
  if (bytes.empty()) return true;
  std::string_view text = bytes;
  if (!held_.empty()) {
    joined_.assign(held_).append(bytes);
    held_.clear();
    text = joined_;
  }
  const std::size_t unfinished = incomplete_utf8_tail(text);
  if (unfinished > 0) {
    held_.assign(text.substr(text.size() - unfinished));
    text.remove_suffix(unfinished);
  }
  if (!text.empty()) on_event(Event{"text", text});
  return true;
}

}  // namespace ttft::protocol
