// Line-framed push parser (NDJSON, AI SDK data stream). Never reads a clock; lines inside one
// read are used in place, found with memchr.
#include "protocol/line_parser.hpp"

#include <cstring>

#include "protocol/utf8.hpp"

namespace ttft::protocol {

LineParser::LineParser(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

bool LineParser::feed(std::string_view bytes, const SseParser::EventHandler& on_event) {
  if (overflowed_) return false;
  while (!bytes.empty()) {
    const void* hit = std::memchr(bytes.data(), '\n', bytes.size());
    if (hit == nullptr) break;
    const auto length = static_cast<std::size_t>(static_cast<const char*>(hit) - bytes.data());
    std::string_view line = bytes.substr(0, length);
    bytes.remove_prefix(length + 1);
    if (!line_.empty()) {
      if (line_.size() + line.size() > max_line_bytes_ + 1) return overflow();
      line_.append(line);
      line = line_;
    }
    if (!deliver(line, on_event)) return false;
    line_.clear();
  }
  // One byte of slack holds a CR that may turn out to end a line of exactly the limit.
  if (line_.size() + bytes.size() > max_line_bytes_ + 1) return overflow();
  line_.append(bytes);
  return true;
}

bool LineParser::deliver(std::string_view line, const SseParser::EventHandler& on_event) {
  // NDJSON writers on Windows end lines with CRLF; the CR is not part of the JSON.
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > max_line_bytes_) return overflow();
  if (line.empty()) return true;
  // A line is a whole number of characters (LF never occurs inside one), so decoding per
  // line never splits a character that arrived in two reads (docs/protocols.md ("How a body becomes events")).
  if (!is_valid_utf8(line)) {
    decode_utf8_lossy(line, decoded_);
    line = decoded_;
  }
  on_event(Event{"line", line});
  return true;
}

bool LineParser::overflow() {
  overflowed_ = true;
  line_.clear();
  line_.shrink_to_fit();
  return false;
}

}  // namespace ttft::protocol
