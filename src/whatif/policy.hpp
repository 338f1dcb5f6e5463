// Routing policies for `ttftbench whatif` (docs/commands.md ("whatif")): their text form, parsed and
// checked against the run's targets. Pure; the replay (replay.hpp) gives them meaning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace ttft::whatif {

enum class PolicyKind {
  single,    // every request to `first` (the baselines)
  fallback,  // "<A>-first timeout=<dur> fallback=<B>"
  hedge,     // "hedge [first=A second=B] after=<dur>"
  split,     // "split input_tokens<N A else B"
  route,     // "route short<N [keywords=a,b] A else B"
};

struct Policy {
  PolicyKind kind = PolicyKind::single;
  std::string text;            // as written, or "<target> alone" for a baseline
  std::string first, second;   // target names; `second` is empty for a single target
  Nanos after_ns = 0;          // fallback timeout, hedge delay
  std::int64_t input_tokens_below = 0;  // split: prompts with fewer input tokens go to `first`
  std::int64_t words_below = 0;          // route: prompts of fewer words go to `first`...
  std::vector<std::string> keywords;     // ...unless they hold one of these (lowercase) as a word
};

/// Parses one --policy text; `targets` (scenario order, at least two) name the valid targets
/// and give hedge its default pair (the first two). Errors name the text and what is wrong.
Result<Policy> parse_policy(std::string_view text, const std::vector<std::string>& targets);

/// The policy that sends every request to `target`.
Policy single_target(const std::string& target);

}  // namespace ttft::whatif
