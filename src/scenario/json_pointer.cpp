// JSON pointer tokens escaped as RFC 6901 requires.
#include "scenario/json_pointer.hpp"

#include <fmt/format.h>

namespace ttft::scenario {

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_child(const std::string& parent, std::string_view key) {
  return parent + "/" + escape_pointer_token(key);
}

std::string pointer_child(const std::string& parent, std::size_t index) {
  return fmt::format("{}/{}", parent, index);
}

}  // namespace ttft::scenario
