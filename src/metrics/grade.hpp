// Grading one answer against a prompt's "expected" (docs/scenario.md ("Graded prompts")): equals,
// contains, regex search or one of several, optionally ignoring ASCII case. Pure; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::metrics {

enum class ExpectKind { equals, contains, regex, one_of };

/// A prompt's expected answer: `values` holds the one string of equals/contains/regex, or one_of's
/// list. A regex is ECMAScript, already checked by regex_error when the prompts file was read.
struct Expected {
  ExpectKind kind = ExpectKind::equals;
  std::vector<std::string> values;
  bool ignore_case = false;

  bool operator==(const Expected&) const = default;
};

/// Whether `answer` is right: equals compares the answer with surrounding whitespace trimmed to the
/// value; contains is a substring test; regex searches (not a full match); one_of is equals
/// against any value; ignore_case folds ASCII letters on both sides.
bool grade_answer(const Expected& expected, std::string_view answer);

/// std::regex's (ECMAScript) message when `pattern` does not compile, else nullopt.
std::optional<std::string> regex_error(const std::string& pattern, bool ignore_case);

}  // namespace ttft::metrics
