// "Did you mean" suggestions for misspelt keys and names (docs/scenario.md ("File syntax"): unknown keys are
// errors with a hint).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::scenario {

/// Levenshtein edit distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest of `candidates` to `word`: edit distance at most 2, or one a prefix of the other
/// (at least 3 characters shared); nullopt when nothing is close. Ties go to the earlier one.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// A hint for an unknown `word`: `did you mean "x"?` when one is close, otherwise
/// `<what>: a, b, c` listing every candidate.
std::string suggestion_hint(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view what);

}  // namespace ttft::scenario
