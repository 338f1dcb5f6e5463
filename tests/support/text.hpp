// Small text helpers the tests share.
#pragma once

#include <string>

namespace ttft::test {

/// `text` with every occurrence of `from` replaced by `to`, left to right (what is put in is not
/// searched again).
inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// Whether `text` contains `part`.
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The block of `text` that starts at the first `start` and ends before the next blank line (a
/// report's section); empty when `start` is not there.
inline std::string block_from(const std::string& text, const std::string& start) {
  const std::size_t at = text.find(start);
  return at == std::string::npos ? std::string() : text.substr(at, text.find("\n\n", at) - at);
}

}  // namespace ttft::test
