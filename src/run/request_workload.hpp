// What each request asks for (docs/scenario.md ("Workload")): its prompt (inline, from a file or
// dataset, synthetic, a trace line's, or a conversation's next user turn) and its max_tokens, as
// pure functions of the scenario, the run's seed and the request's place in the schedule.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "protocol/workload.hpp"
#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::run {

struct RequestWorkload {
  std::vector<protocol::Message> messages;  // before the prompt-cache nonce
  std::int64_t max_tokens = 0;
  std::optional<std::int64_t> input_tokens_requested;  // synthetic prompts only
  std::optional<std::size_t> prompt_index;             // the scenario's prompt sent as is; none for turns
};

class WorkloadPicker {
 public:
  WorkloadPicker(const scenario::Scenario& scenario, std::uint64_t seed) : s_(scenario), seed_(seed) {}

  /// The prompt and max_tokens of `planned`. A conversation turn's messages are that turn's only:
  /// the caller puts the conversation so far in front of them.
  RequestWorkload pick(const schedule::PlannedRequest& planned) const;

 private:
  std::int64_t max_tokens(const schedule::PlannedRequest& planned) const;
  std::size_t prompt_entry(std::int64_t pick) const;
  RequestWorkload conversation_turn(const schedule::PlannedRequest& planned) const;

  const scenario::Scenario& s_;
  std::uint64_t seed_;
};

}  // namespace ttft::run
