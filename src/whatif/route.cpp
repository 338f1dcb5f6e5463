// Words for the router: counted by whitespace, matched as runs of letters and digits, so
// "Explain:" holds the keyword "explain" and "explained" does not.
#include "whatif/route.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ttft::whatif {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A letter or digit; bytes of multi-byte UTF-8 characters count too, so "café" stays one word.
bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

Result<std::vector<std::string>> route_keywords(std::string_view list) {
  std::vector<std::string> keywords;
  std::size_t at = 0;
  while (at <= list.size()) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    std::string word(list.substr(at, comma - at));
    if (word.empty() || !std::all_of(word.begin(), word.end(), is_word_char)) {
      return fail("keywords=", fmt::format("expected words separated by commas, got \"{}\"", list));
    }
    std::transform(word.begin(), word.end(), word.begin(), lower);
    keywords.push_back(std::move(word));
    at = comma + 1;
  }
  return keywords;
}

std::int64_t word_count(std::string_view text) {
  std::int64_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    if (!is_space(c) && !in_word) ++words;
    in_word = !is_space(c);
  }
  return words;
}

bool routes_to_first(const Policy& policy, std::string_view prompt) {
  if (word_count(prompt) >= policy.words_below) return false;
  std::string word;
  for (std::size_t i = 0; i <= prompt.size(); ++i) {
    if (i < prompt.size() && is_word_char(prompt[i])) {
      word += lower(prompt[i]);
      continue;
    }
    if (!word.empty() && std::find(policy.keywords.begin(), policy.keywords.end(), word) != policy.keywords.end()) {
      return false;
    }
    word.clear();
  }
  return true;
}

}  // namespace ttft::whatif
