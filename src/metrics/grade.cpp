// Grading answers: string comparisons and std::regex search, ASCII case folding.
#include "metrics/grade.hpp"

#include <algorithm>
#include <regex>

namespace ttft::metrics {
namespace {

std::string fold(std::string_view text, bool ignore_case) {
  std::string out(text);
  if (ignore_case) {
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::regex compile(const std::string& pattern, bool ignore_case) {
  auto flags = std::regex::ECMAScript;
  if (ignore_case) flags |= std::regex::icase;
  return std::regex(pattern, flags);
}

}  // namespace

bool grade_answer(const Expected& expected, std::string_view answer) {
  if (expected.kind == ExpectKind::regex) {
    // Checked at load; a pattern that does not compile grades as wrong rather than throwing.
    if (expected.values.empty()) return false;
    try {
      return std::regex_search(std::string(answer), compile(expected.values.front(), expected.ignore_case));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  const std::string folded = fold(expected.kind == ExpectKind::contains ? answer : trim(answer), expected.ignore_case);
  return std::any_of(expected.values.begin(), expected.values.end(), [&](const std::string& value) {
    const std::string want = fold(value, expected.ignore_case);
    return expected.kind == ExpectKind::contains ? folded.find(want) != std::string::npos : folded == want;
  });
}

std::optional<std::string> regex_error(const std::string& pattern, bool ignore_case) {
  try {
    (void)compile(pattern, ignore_case);
    return std::nullopt;
  } catch (const std::regex_error& e) {
    return std::string(e.what());
  }
}

}  // namespace ttft::metrics
