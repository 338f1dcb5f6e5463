// WHATWG event-stream push parser (HTML Standard 9.2.5 "Parsing an event stream", 9.2.6
// "Interpreting an event stream"). Never reads a clock; never allocates per byte: lines are
// found with memchr and complete lines inside one read are used in place.
#include "protocol/sse_parser.hpp"

#include <algorithm>
#include <cstring>

#include "protocol/utf8.hpp"

namespace ttft::protocol {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// First `c` in [from, end), or end.
const char* find_byte(const char* from, const char* end, char c) {
  const void* hit = std::memchr(from, c, static_cast<std::size_t>(end - from));
  return hit != nullptr ? static_cast<const char*>(hit) : end;
}

}  // namespace

SseParser::SseParser(std::size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

bool SseParser::feed(std::string_view bytes, const EventHandler& on_event) {
  if (overflowed_) return false;
  if (!bom_done_) bytes = strip_bom(bytes);
  // A CR ending the previous read and an LF starting this one are one CRLF terminator.
  if (last_was_cr_ && !bytes.empty()) {
    last_was_cr_ = false;
    if (bytes.front() == '\n') bytes.remove_prefix(1);
  }
  if (bytes.empty()) return true;  // also keeps a null data() away from memchr
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  // The next CR and LF are remembered, so a stream with only one kind of terminator is still
  // scanned once, not once per line.
  const char* cr = find_byte(p, end, '\r');
  const char* lf = find_byte(p, end, '\n');
  for (;;) {
    if (cr < p) cr = find_byte(p, end, '\r');
    if (lf < p) lf = find_byte(p, end, '\n');
    const char* eol = std::min(cr, lf);
    if (eol == end) break;
    if (!complete_line(std::string_view(p, static_cast<std::size_t>(eol - p)), on_event)) {
      return false;
    }
    p = eol + 1;
    if (*eol == '\r') {
      if (p == end) {
        last_was_cr_ = true;
      } else if (*p == '\n') {
        ++p;
      }
    }
  }
  const auto rest = static_cast<std::size_t>(end - p);
  if (line_.size() + rest > max_event_bytes_) return overflow();
  line_.append(p, rest);
  return true;
}

void SseParser::finish() {
  // "If the file ends in the middle of an event, before the final empty line, the incomplete
  // event is not dispatched." (HTML 9.2.6; Mozilla bug 710546)
  line_.clear();
  data_.clear();
  event_type_.clear();
  last_was_cr_ = false;
}

// The UTF-8 decoder drops one leading BOM (EF BB BF), which may arrive split across reads
// (WPT eventsource/format-bom-split). Bytes held back from a BOM that turns out not to be one
// go back into the line, where U+FFFD substitution treats them as any other bytes.
std::string_view SseParser::strip_bom(std::string_view bytes) {
  while (!bom_done_ && !bytes.empty()) {
    if (bytes.front() == kBom[bom_bytes_seen_]) {
      bytes.remove_prefix(1);
      if (++bom_bytes_seen_ == kBom.size()) bom_done_ = true;
    } else {
      bom_done_ = true;
      line_.append(kBom.substr(0, bom_bytes_seen_));
    }
  }
  return bytes;
}

// `tail` is the end of a line whose beginning may be held in line_ from earlier reads.
bool SseParser::complete_line(std::string_view tail, const EventHandler& on_event) {
  if (line_.size() + tail.size() > max_event_bytes_) return overflow();
  std::string_view line = tail;
  if (!line_.empty()) {
    line_.append(tail);
    line = line_;
  }
  // Decoding whole lines keeps a character split across reads intact; CR and LF never occur
  // inside a multi-byte sequence, so a line is always a whole number of characters.
  if (!is_valid_utf8(line)) {
    decode_utf8_lossy(line, decoded_);
    line = decoded_;
  }
  const bool ok = process_line(line, on_event);
  line_.clear();
  return ok;
}

bool SseParser::process_line(std::string_view line, const EventHandler& on_event) {
  if (line.empty()) {
    dispatch(on_event);
    return true;
  }
  if (line.front() == ':') return true;  // comment (servers send these as keep-alives)
  // Field name is everything before the first colon; a line without one is a name with an
  // empty value. One leading space of the value is removed, no more.
  const std::size_t colon = line.find(':');
  const std::string_view name = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (name == "data") {
    if (data_.size() + value.size() + 1 > max_event_bytes_) return overflow();
    data_.append(value);
    data_.push_back('\n');
  } else if (name == "event") {
    event_type_.assign(value);
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_.assign(value);
  } else if (!extra_field_.empty() && name == extra_field_) {
    on_event(Event{extra_field_, value});
  }
  // "retry" only sets a reconnection delay, which a benchmark never uses; any other field
  // name (llama.cpp's "error" too, unless deliver_field asked for it) is ignored, as the spec
  // says.
  return true;
}

void SseParser::dispatch(const EventHandler& on_event) {
  // An empty data buffer dispatches nothing: `event: x` then a blank line fires no event.
  if (data_.empty()) {
    event_type_.clear();
    return;
  }
  std::string_view data = data_;
  data.remove_suffix(1);  // the data buffer always ends with the LF of its last data line
  const std::string_view type = event_type_.empty() ? std::string_view("message") : event_type_;
  on_event(Event{type, data});
  data_.clear();
  event_type_.clear();
}

bool SseParser::overflow() {
  overflowed_ = true;
  line_.clear();
  line_.shrink_to_fit();
  data_.clear();
  data_.shrink_to_fit();
  event_type_.clear();
  return false;
}

}  // namespace ttft::protocol
