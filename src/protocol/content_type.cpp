// Media types and framings. No I/O.
#include "protocol/content_type.hpp"

#include <array>

namespace ttft::protocol {

std::string media_type(std::string_view content_type) {
  std::string media;
  for (const char c : content_type.substr(0, content_type.find(';'))) {
    if (c == ' ' || c == '\t') continue;
    media += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return media;
}

bool is_ndjson_media_type(std::string_view media) {
  // Ollama sends application/x-ndjson; the others are the names JSON Lines also goes by.
  constexpr std::array<std::string_view, 4> kNdjson = {"application/x-ndjson", "application/ndjson",
                                                       "application/jsonl", "application/x-jsonlines"};
  for (const std::string_view each : kNdjson) {
    if (media == each) return true;
  }
  return false;
}

bool media_type_fits(Framing framing, std::string_view media) {
  switch (framing) {
    case Framing::sse: return media == "text/event-stream";
    case Framing::ndjson: return is_ndjson_media_type(media) || media == "text/plain";
    case Framing::text: return true;
  }
  return false;
}

std::string_view framing_expectation(Framing framing) {
  switch (framing) {
    case Framing::sse: return "an event stream (text/event-stream)";
    case Framing::ndjson: return "NDJSON lines";
    case Framing::text: return "text";
  }
  return "a stream";
}

}  // namespace ttft::protocol
