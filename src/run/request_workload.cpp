#include "run/request_workload.hpp"

#include "core/random.hpp"
#include "schedule/rng.hpp"
#include "workload/synthetic_prompt.hpp"

namespace ttft::run {
namespace {

std::int64_t draw(const workload::Distribution& dist, std::uint64_t seed, std::int64_t pick, std::uint64_t stream) {
  Rng rng(schedule::derive_seed(seed, static_cast<std::uint64_t>(pick), stream));
  return workload::draw_length(dist, rng);
}

RequestWorkload synthetic(std::int64_t tokens, std::int64_t pick) {
  RequestWorkload out;
  out.messages.push_back({"user", workload::synthetic_prompt(tokens, static_cast<std::uint64_t>(pick))});
  out.input_tokens_requested = tokens;
  return out;
}

}  // namespace

std::int64_t WorkloadPicker::max_tokens(const schedule::PlannedRequest& planned) const {
  if (!s_.output_tokens) return s_.max_tokens;
  return draw(*s_.output_tokens, seed_, planned.pick, schedule::kOutputLengthStream);
}

// The k-th pick of every target takes the same entry: in order, wrapping, or drawn from the seed.
std::size_t WorkloadPicker::prompt_entry(std::int64_t pick) const {
  const auto entries = static_cast<std::uint64_t>(s_.prompts.size());
  if (s_.sampling == scenario::Sampling::sequential) return static_cast<std::size_t>(static_cast<std::uint64_t>(pick) % entries);
  Rng rng(schedule::derive_seed(seed_, static_cast<std::uint64_t>(pick), schedule::kDatasetStream));
  return static_cast<std::size_t>(rng.below(entries));
}

RequestWorkload WorkloadPicker::pick(const schedule::PlannedRequest& planned) const {
  const scenario::Phase& phase = s_.phases[planned.phase_index];
  RequestWorkload out;
  if (phase.replay()) {
    const scenario::TraceLine& line = phase.trace[static_cast<std::size_t>(planned.index_in_phase)];
    out = synthetic(line.input_tokens, planned.pick);
    out.max_tokens = line.output_tokens;
    return out;
  }
  if (planned.turn) {
    out = conversation_turn(planned);
  } else if (const auto& lengths = phase.input_tokens ? phase.input_tokens : s_.input_tokens) {
    out = synthetic(draw(*lengths, seed_, planned.pick, schedule::kInputLengthStream), planned.pick);
  } else {
    out.prompt_index = prompt_entry(planned.pick);
    out.messages = s_.prompts[*out.prompt_index];
  }
  out.max_tokens = max_tokens(planned);
  return out;
}

// Conversation c's turn k (docs/scenario.md ("Conversations")): the entry's k-th user turn (wrapping)
// when the dataset has them; with synthetic lengths a fresh synthetic turn; otherwise the prompt
// after the previous turn's (the first turn's whole message list, later turns its user messages).
RequestWorkload WorkloadPicker::conversation_turn(const schedule::PlannedRequest& planned) const {
  const std::int64_t c = *planned.conversation, k = *planned.turn;
  const std::int64_t turn_pick = c * s_.conversation->turns + (k - 1);
  const scenario::Phase& phase = s_.phases[planned.phase_index];
  if (const auto& lengths = phase.input_tokens ? phase.input_tokens : s_.input_tokens) {
    return synthetic(draw(*lengths, seed_, turn_pick, schedule::kInputLengthStream), turn_pick);
  }
  RequestWorkload out;
  const std::size_t entry = prompt_entry(c);
  if (entry < s_.user_turns.size() && !s_.user_turns[entry].empty()) {
    const auto& turns = s_.user_turns[entry];
    out.messages.push_back({"user", turns[static_cast<std::size_t>(k - 1) % turns.size()]});
    return out;
  }
  const auto& prompt = s_.prompts[prompt_entry(turn_pick)];
  for (const auto& message : prompt) {
    if (k == 1 || message.role == "user") out.messages.push_back(message);
  }
  return out;
}

}  // namespace ttft::run
