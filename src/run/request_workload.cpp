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

const protocol::Message* last_user_message(const std::vector<protocol::Message>& messages) {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == "user") return &*it;
  }
  return nullptr;
}

std::int64_t WorkloadPicker::max_tokens(const schedule::PlannedRequest& planned) const {
  if (!s_.output_tokens) return s_.max_tokens;
  return draw(*s_.output_tokens, seed_, planned.pick, schedule::kOutputLengthStream);
}

// The k-th pick of every target takes the same entry: in order, wrapping, or drawn from the seed.
std::size_t WorkloadPicker::entry(std::int64_t pick, std::size_t entries) const {
  const auto n = static_cast<std::uint64_t>(entries);
  if (s_.sampling == scenario::Sampling::sequential) return static_cast<std::size_t>(static_cast<std::uint64_t>(pick) % n);
  Rng rng(schedule::derive_seed(seed_, static_cast<std::uint64_t>(pick), schedule::kDatasetStream));
  return static_cast<std::size_t>(rng.below(n));
}

// An embeddings request's `batch` inputs (docs/scenario.md ("Embeddings")): pick k takes inputs
// k·batch … k·batch + batch − 1 of workload.inputs, or of the prompts (each one's last user
// message), or synthetic texts of drawn lengths; so every target embeds the same texts.
RequestWorkload WorkloadPicker::embedding_inputs(const schedule::PlannedRequest& planned) const {
  const scenario::Phase& phase = s_.phases[planned.phase_index];
  const auto& lengths = phase.input_tokens ? phase.input_tokens : s_.input_tokens;
  RequestWorkload out;
  for (std::int64_t j = 0; j < s_.batch; ++j) {
    const std::int64_t p = planned.pick * s_.batch + j;
    if (phase.replay() || (lengths && s_.embedding_inputs.empty())) {
      const std::int64_t tokens = phase.replay() ? phase.trace[static_cast<std::size_t>(planned.index_in_phase)].input_tokens
                                                 : draw(*lengths, seed_, p, schedule::kInputLengthStream);
      out.inputs.push_back(workload::synthetic_prompt(tokens, static_cast<std::uint64_t>(p)));
      out.input_tokens_requested = out.input_tokens_requested.value_or(0) + tokens;
    } else if (!s_.embedding_inputs.empty()) {
      out.inputs.push_back(s_.embedding_inputs[entry(p, s_.embedding_inputs.size())]);
    } else {
      const auto& prompt = s_.prompts[prompt_entry(p)];
      const protocol::Message* user = last_user_message(prompt);
      out.inputs.push_back(user != nullptr ? user->content : prompt.back().content);
    }
  }
  return out;
}

RequestWorkload WorkloadPicker::pick(const schedule::PlannedRequest& planned) const {
  if (s_.targets[planned.target_index].embeds()) return embedding_inputs(planned);
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
    const std::size_t entry = prompt_entry(planned.pick);
    out.messages = s_.prompts[entry];
    out.prompt_index = static_cast<std::int64_t>(entry);
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
    out.prompt_index = static_cast<std::int64_t>(entry);
    return out;
  }
  const std::size_t turn_entry = prompt_entry(turn_pick);
  const auto& prompt = s_.prompts[turn_entry];
  out.prompt_index = static_cast<std::int64_t>(turn_entry);
  for (const auto& message : prompt) {
    if (k == 1 || message.role == "user") out.messages.push_back(message);
  }
  return out;
}

}  // namespace ttft::run
