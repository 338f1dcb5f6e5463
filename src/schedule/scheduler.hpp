// The run's schedule as a state machine the driver loop asks what to start next
// (docs/scenario.md ("Phases")). Pure: no I/O, no clock; every time is passed in as Nanos since the run's start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/clock.hpp"
#include "scenario/scenario.hpp"
#include "schedule/arrivals.hpp"
#include "schedule/shard.hpp"
#include "schedule/target_order.hpp"

namespace ttft::schedule {

struct PlannedRequest {
  // 0-based place in the schedule planned before the run (see Scheduler), so a request keeps its
  // number across shards and resumes; in order of start when the schedule cannot be planned.
  std::int64_t seq = 0;
  std::size_t phase_index = 0;
  std::size_t target_index = 0;
  std::int64_t index_in_phase = 0;         // per target
  // The request's number among its target's requests in the run, from 0: the k-th request of every
  // target takes the workload's k-th pick (prompt, lengths), so A and B compare like with like.
  std::int64_t pick = 0;
  // Conversation workloads: the conversation (per target and phase, from 0) and turn (from 1).
  std::optional<std::int64_t> conversation, turn;
  std::optional<Nanos> intended_start_ns;  // open-loop and cold phases; nullopt = closed loop
  std::optional<Nanos> idle_gap_ns;        // cold phases: the (scaled) idle gap it follows
};

/// A request by what samples.csv records of it: phase, seq and target (indices into the scenario).
struct RequestKey {
  std::size_t phase_index = 0;
  std::int64_t seq = 0;
  std::size_t target_index = 0;
};

/// The first phase whose requests are not known before the run (a closed loop bounded by a
/// duration: its count follows the responses), or nullopt when the whole schedule can be planned.
std::optional<std::size_t> unplannable_phase(const scenario::Scenario& scenario);

/// Response time assumed by estimates when the caller has none (closed-loop totals).
constexpr Nanos kAssumedResponseNs = kNanosPerSecond;

class Scheduler {
 public:
  /// The schedule for `scenario` (validated by the loader); `seed` drives blocks and poisson.
  /// With `shard` (the scenario must pass check_shardable), poll returns that shard's requests
  /// only, each with its seq in the unsharded schedule planned before the run (every shard plans
  /// the same, so together they send each request exactly once); all shards need the same seed.
  /// Every schedule without an unplannable_phase is numbered by that plan, sharded or not.
  /// `done` (run --resume; plans() holds each, and the shard owns it) are requests that already
  /// have a row: poll never returns them, and they take no time (see skip_done).
  Scheduler(const scenario::Scenario& scenario, std::uint64_t seed, std::optional<Shard> shard = std::nullopt,
            const std::vector<RequestKey>& done = {});

  /// True when the plan holds request `key.seq` in that phase for that target; false for a
  /// schedule that cannot be planned.
  bool plans(const RequestKey& key) const;

  /// The next request to start if one is due at `now_ns`, else nullopt. Call repeatedly until
  /// nullopt; `now_ns` never decreases.
  std::optional<PlannedRequest> poll(Nanos now_ns);

  /// When to poll again: a time (possibly already past = now), or nullopt when only a
  /// completion can make progress (or the run is done).
  std::optional<Nanos> next_due_ns() const;

  /// Every started request must finish exactly once (success or error), at `now_ns`.
  void on_finished(const PlannedRequest& request, Nanos now_ns);

  /// Every request has started and finished.
  bool done() const { return phase_index_ >= config_.phases.size(); }

  /// Requests poll will return (sharded: this shard's; resumed: those not done), exact for a
  /// planned schedule; closed-loop phases bounded by duration are estimated at
  /// `assumed_response_ns` per response.
  std::int64_t total_requests(Nanos assumed_response_ns = kAssumedResponseNs) const;
  /// True when total_requests() includes an estimate (closed loop bounded by duration).
  bool total_is_estimate() const;
  /// Requests of target `target_index` in phase `phase_index` that poll will return (sharded:
  /// this shard's; resumed: those not done), or nullopt when the schedule cannot be planned.
  std::optional<std::int64_t> planned_requests(std::size_t phase_index, std::size_t target_index) const;

  /// Wall duration of the whole (unsharded) run if every response took `assumed_response_ns`,
  /// found by running a fresh copy of this schedule against a simulated clock.
  Nanos estimated_duration_ns(Nanos assumed_response_ns) const;

  std::size_t phase_index() const { return phase_index_; }
  std::size_t in_flight() const { return in_flight_.size(); }

 private:
  struct Config {
    std::vector<scenario::Phase> phases;
    std::size_t targets = 0;
    double time_scale = 1.0;
    std::uint64_t seed = 0;
    std::optional<scenario::ConversationSpec> conversation;
  };
  struct Candidate {
    std::size_t target = 0;
    std::optional<Nanos> intended_ns;
    std::optional<Nanos> idle_gap_ns;
    std::optional<std::size_t> conversation_slot;  // conversation pacing: the index in conversations_[target]
  };
  /// A conversation in progress on one target (docs/scenario.md ("Conversations")).
  struct Conversation {
    std::int64_t id = 0;
    std::int64_t next_turn = 1;
    Nanos ready_ns = 0;       // its next turn may start then (the previous turn's end + think time)
    bool in_flight = false;
  };
  enum class Pacing { cold, open_loop, closed_loop, replay, conversation };

  explicit Scheduler(Config config);
  std::optional<PlannedRequest> poll_unsharded(Nanos now_ns);
  /// Runs a fresh unsharded copy against a simulated clock, every response taking
  /// `assumed_response_ns`; calls `on_start` for each start; returns when the last one ends.
  Nanos simulate(Nanos assumed_response_ns, const std::function<void(const PlannedRequest&)>& on_start) const;
  void plan();
  /// Resume: passes over every target's next requests while they are done (resume.cpp).
  void skip_done();
  /// Resume, entering an open-loop phase: skip_done, then the phase's clock restarts at `start_ns`.
  void skip_done_open_loop(Nanos start_ns);
  bool next_is_done(std::size_t target) const;
  void enter_phase(std::size_t index, Nanos start_ns);
  void advance_if_complete(Nanos now_ns);
  bool phase_exhausted(Nanos now_ns) const;
  bool has_budget(std::size_t target) const;
  bool before_tie(std::size_t a, std::size_t b) const;
  Nanos cold_gap_ns(std::size_t target) const;
  std::optional<Nanos> cold_due_ns(std::size_t target) const;
  std::optional<Candidate> earliest_due(std::optional<Nanos> now_ns) const;
  std::optional<Candidate> next_closed(Nanos now_ns) const;
  std::optional<Nanos> replay_due_ns(std::size_t target) const;
  std::optional<Candidate> next_conversation_turn(Nanos now_ns) const;
  std::optional<Nanos> next_conversation_due_ns() const;
  void finish_conversation_turn(const PlannedRequest& request, Nanos now_ns);
  void advance_open_loop();
  PlannedRequest start(const Candidate& candidate);
  void start_conversation_turn(const Candidate& candidate, PlannedRequest& request);
  Nanos scaled(Nanos ns) const;

  Config config_;
  // Run state.
  std::int64_t next_seq_ = 0;
  Nanos latest_ns_ = 0;                         // the latest time poll/on_finished saw
  std::unordered_set<std::int64_t> in_flight_;  // seqs started and not finished
  std::vector<std::int64_t> in_flight_per_target_;
  std::vector<std::optional<Nanos>> last_end_ns_;  // end of each target's latest request
  std::vector<std::int64_t> started_in_run_;       // per target; drives pick
  // Current phase.
  std::size_t phase_index_ = 0;
  Pacing pacing_ = Pacing::cold;
  Nanos phase_start_ns_ = 0;
  std::optional<Nanos> phase_end_ns_;  // duration bound (no starts at or after)
  std::vector<std::int64_t> started_in_phase_;
  std::vector<std::size_t> tie_ranks_;
  std::optional<TargetOrder> order_;    // open loop
  std::optional<Arrivals> arrivals_;    // open loop
  std::optional<Candidate> next_open_;  // open loop: the next start, nullopt = none
  std::vector<std::vector<Conversation>> conversations_;  // conversation pacing: per target, in progress
  std::vector<std::int64_t> conversations_started_;        // per target, in this phase
  // Planned schedules: the seq by [phase][target][index_in_phase] (empty: cannot be planned), and
  // how many of them poll returns.
  std::optional<Shard> shard_;
  std::unordered_set<std::int64_t> done_;  // seqs with a row already (run --resume)
  std::vector<std::vector<std::vector<std::int64_t>>> planned_seq_;
  std::int64_t planned_requests_ = 0;
};

}  // namespace ttft::schedule
