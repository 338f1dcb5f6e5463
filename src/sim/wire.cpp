// HTTP/1.1 response head and chunked framing (RFC 9112 sections 4 and 7.1).
#include "sim/wire.hpp"

#include <fmt/format.h>

namespace ttft::sim {

std::string response_head(int status, std::string_view reason, const HeaderPairs& headers) {
  std::string head = fmt::format("HTTP/1.1 {} {}\r\n", status, reason);
  for (const auto& [name, value] : headers) head += fmt::format("{}: {}\r\n", name, value);
  return head + "\r\n";
}

std::string chunk(std::string_view bytes) {
  if (bytes.empty()) return {};
  return fmt::format("{:x}\r\n{}\r\n", bytes.size(), bytes);
}

std::string cut_chunk(std::string_view bytes) {
  return fmt::format("{:x}\r\n{}", bytes.size(), bytes.substr(0, bytes.size() / 2));
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 529: return "Overloaded";
    default: return nullptr;  // evhttp's own phrase
  }
}

}  // namespace ttft::sim
