// The replay's assumptions and the notes its pools and policies call for.
#include "whatif/notes.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace ttft::whatif {

std::vector<std::string> replay_notes(const std::vector<Policy>& policies, const std::vector<TargetPool>& pools) {
  std::vector<std::string> notes = {
      "each simulated request draws one measured sample per target, independently and with replacement: "
      "samples are taken as independent, and every target as answering the same prompts",
      "fallback: the first target is abandoned at the timeout (or when it fails, if sooner) and billed its "
      "input tokens if it was answering; the fallback's latency is added to that moment",
      "hedge: the second target is also asked at the delay (or when the first fails) unless the first "
      "answered; the user gets the first answer; both are billed in full (nothing is cancelled)",
      "failed requests are not billed; a request no path answers counts as an error, not as a latency"};
  bool graded = false;
  std::int64_t fewest = std::numeric_limits<std::int64_t>::max(), most = 0;
  for (const TargetPool& pool : pools) {
    for (const Draw& draw : pool.draws) {
      graded = graded || draw.correct.has_value();
      if (!draw.latency_ms) continue;
      fewest = std::min(fewest, draw.input_tokens);
      most = std::max(most, draw.input_tokens);
    }
    if (pool.draws.empty()) notes.push_back(fmt::format("{} has no samples here: it has no baseline", pool.target));
    if (pool.unmeasured > 0) {
      notes.push_back(fmt::format("{}: {} successful sample(s) without the metric left out", pool.target, pool.unmeasured));
    }
  }
  if (graded) notes.push_back("accuracy: correct answers of the graded ones a policy serves, with a 95% Wilson interval over the distinct measured answers it served (the simulated requests repeat them)");
  for (const Policy& policy : policies) {
    if (policy.kind == PolicyKind::route) {
      notes.push_back(fmt::format("\"{}\": each request's prompt is a measured request's recorded prompt "
                                  "(outputs.jsonl); the target it picks answers with its own draw", policy.text));
    }
    if (policy.kind != PolicyKind::split || most == 0) continue;
    const bool one_side = most < policy.input_tokens_below || fewest >= policy.input_tokens_below;
    if (one_side) {
      const std::string sizes = fewest == most ? fmt::format("{}", most) : fmt::format("{}–{}", fewest, most);
      notes.push_back(fmt::format("\"{}\": every measured prompt has {} input tokens, so the split sends all "
                                  "requests to {}", policy.text, sizes,
                                  most < policy.input_tokens_below ? policy.first : policy.second));
    }
  }
  return notes;
}

}  // namespace ttft::whatif
