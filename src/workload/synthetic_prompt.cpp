#include "workload/synthetic_prompt.hpp"

#include <string_view>
#include <vector>

namespace ttft::workload {
namespace {

// Plain prose with ordinary words: tokenizers split it about as they split users' prompts, unlike
// repeated characters, which some tokenizers merge into very few tokens.
constexpr std::string_view kText =
    "The committee met on a grey morning to review the plans for the new library. Each member "
    "had read the report, and most of them agreed that the building should open before winter. "
    "A few people asked about the budget, the number of reading rooms and the hours the doors "
    "would stay open on weekends. The architect explained how light would enter through the tall "
    "windows on the south side, and why the stairs were placed near the entrance. After a short "
    "break they discussed the garden, the cafe, the shelves for children and the quiet rooms for "
    "study. Someone suggested a small stage for readings and music. By noon the plan had changed "
    "in many small ways, but its heart was the same: a warm place where anyone could sit, read and "
    "think for as long as they liked. ";

const std::vector<std::size_t>& word_starts() {
  static const std::vector<std::size_t> starts = [] {
    std::vector<std::size_t> out{0};
    for (std::size_t i = 1; i < kText.size(); ++i) {
      if (kText[i - 1] == ' ') out.push_back(i);
    }
    return out;
  }();
  return starts;
}

}  // namespace

std::string synthetic_prompt(std::int64_t tokens, std::uint64_t variant) {
  const auto bytes = static_cast<std::size_t>(tokens > 0 ? tokens * kBytesPerToken : 0);
  std::string out;
  out.reserve(bytes);
  const auto& starts = word_starts();
  std::size_t at = starts[variant % starts.size()];
  while (out.size() < bytes) {
    const std::size_t take = std::min(bytes - out.size(), kText.size() - at);
    out.append(kText.substr(at, take));
    at = (at + take) % kText.size();
  }
  return out;
}

}  // namespace ttft::workload
