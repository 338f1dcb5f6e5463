// What each request asks for (docs/scenario.md ("Workload")): its prompt (inline, from a file or
// dataset, synthetic, a trace line's, or a conversation's next user turn) and its max_tokens, as
// pure functions of the scenario, the run's seed and the request's place in the schedule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/workload.hpp"
#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::run {

struct RequestWorkload {
  std::vector<protocol::Message> messages;  // before the prompt-cache nonce; chat targets
  std::vector<std::string> inputs;          // the texts an embeddings target embeds (`batch` of them)
  std::int64_t max_tokens = 0;              // chat targets
  std::optional<std::int64_t> input_tokens_requested;  // synthetic prompts only (embeddings: their sum)
  std::optional<std::int64_t> prompt_index;  // the workload entry sent (0-based); nullopt = synthetic
};

/// The last message with role "user"; nullptr when there is none.
const protocol::Message* last_user_message(const std::vector<protocol::Message>& messages);

class WorkloadPicker {
 public:
  WorkloadPicker(const scenario::Scenario& scenario, std::uint64_t seed) : s_(scenario), seed_(seed) {}

  /// The prompt and max_tokens of `planned`, or for an embeddings target its inputs. A
  /// conversation turn's messages are that turn's only: the caller puts the conversation so far
  /// in front of them.
  RequestWorkload pick(const schedule::PlannedRequest& planned) const;

 private:
  std::int64_t max_tokens(const schedule::PlannedRequest& planned) const;
  std::size_t entry(std::int64_t pick, std::size_t entries) const;
  std::size_t prompt_entry(std::int64_t pick) const { return entry(pick, s_.prompts.size()); }
  RequestWorkload embedding_inputs(const schedule::PlannedRequest& planned) const;
  RequestWorkload conversation_turn(const schedule::PlannedRequest& planned) const;

  const scenario::Scenario& s_;
  std::uint64_t seed_;
};

}  // namespace ttft::run
