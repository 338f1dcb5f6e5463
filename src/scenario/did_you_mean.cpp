// "Did you mean" suggestions: edit distance plus prefix matching, case-insensitive, so
// "intervall", "Interval" and "interv" all point at "interval".
#include "scenario/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace ttft::scenario {
namespace {

constexpr std::size_t kMaxDistance = 2;
constexpr std::size_t kMinPrefix = 3;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_prefix(std::string_view a, std::string_view b) {
  const std::string_view shorter = a.size() <= b.size() ? a : b;
  const std::string_view longer = a.size() <= b.size() ? b : a;
  return shorter.size() >= kMinPrefix && longer.substr(0, shorter.size()) == shorter;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  const std::string needle = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = kMaxDistance + 1;
  for (const std::string& candidate : candidates) {
    const std::string hay = lower(candidate);
    std::size_t distance = edit_distance(needle, hay);
    // A prefix match ranks just behind a distance-2 typo: "interv" is clearly "interval".
    if (distance > kMaxDistance && is_prefix(needle, hay)) distance = kMaxDistance;
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string suggestion_hint(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view what) {
  if (const auto match = closest_match(word, candidates)) {
    return fmt::format("did you mean \"{}\"?", *match);
  }
  return fmt::format("{}: {}", what, fmt::join(candidates, ", "));
}

}  // namespace ttft::scenario
