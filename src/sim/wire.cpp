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

}  // namespace ttft::sim
