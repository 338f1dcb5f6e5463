// The schedule state machine: phases in order, each paced as cold (idle), open loop (interval,
// rate) or closed loop (concurrency). Times are Nanos since the run's start, passed in by the
// driver; nothing here reads a clock, so tests drive it with made-up times.
#include "schedule/scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/check.hpp"
#include "schedule/rng.hpp"

namespace ttft::schedule {

std::optional<std::size_t> unplannable_phase(const scenario::Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.phases.size(); ++i) {
    const scenario::Phase& phase = scenario.phases[i];
    if (phase.concurrency && !phase.requests) return i;
  }
  return std::nullopt;
}

Scheduler::Scheduler(const scenario::Scenario& scenario, std::uint64_t seed, std::optional<Shard> shard,
                     const std::vector<RequestKey>& done)
    : Scheduler(Config{scenario.phases, scenario.targets.size(), scenario.time_scale, seed, scenario.conversation}) {
  const bool plannable = !unplannable_phase(scenario);
  TTFT_CHECK(plannable || (!shard && done.empty()), "shards and resumes need every phase's requests known in advance");
  if (!plannable) return;
  shard_ = shard;
  plan();
  if (done.empty()) return;
  for (const RequestKey& key : done) {
    TTFT_CHECK(plans(key) && (!shard_ || shard_->owns(key.seq)), "a resumed request is not in this plan");
    done_.insert(key.seq);
  }
  planned_requests_ -= static_cast<std::int64_t>(done_.size());
  // Phase 0 was entered before anything was known to be done: enter it again, skipping those.
  enter_phase(0, 0);
  advance_if_complete(0);
}

Scheduler::Scheduler(Config config)
    : config_(std::move(config)),
      in_flight_per_target_(config_.targets, 0),
      last_end_ns_(config_.targets),
      started_in_run_(config_.targets, 0) {
  TTFT_CHECK(config_.targets > 0, "a schedule needs targets");
  TTFT_CHECK(config_.time_scale > 0, "time_scale must be positive");
  enter_phase(0, 0);
  advance_if_complete(0);
}

// time_scale multiplies every schedule gap (idle, interval, 1/rate, duration), never latencies.
Nanos Scheduler::scaled(Nanos ns) const {
  return std::llround(static_cast<double>(ns) * config_.time_scale);
}

// Why a plan: in cold and closed-loop phases the order of starts follows the responses, so shards
// running the schedule each on their own, or a resumed run, would number the requests
// differently. The plan is the unsharded schedule with every response taking the same time (ties
// broken as `order` says); a request's planned seq picks its shard and is the seq its row records,
// sharded or not, so `run --resume` can tell from the rows which requests are done. In open-loop
// phases it is the order an unsharded run starts them in.
void Scheduler::plan() {
  planned_seq_.assign(config_.phases.size(), std::vector<std::vector<std::int64_t>>(config_.targets));
  simulate(kAssumedResponseNs, [this](const PlannedRequest& request) {
    auto& seqs = planned_seq_[request.phase_index][request.target_index];
    TTFT_CHECK(static_cast<std::int64_t>(seqs.size()) == request.index_in_phase, "a target's starts in order");
    seqs.push_back(request.seq);
    if (!shard_ || shard_->owns(request.seq)) ++planned_requests_;
  });
}

void Scheduler::enter_phase(std::size_t index, Nanos start_ns) {
  phase_index_ = index;
  order_.reset();
  arrivals_.reset();
  next_open_.reset();
  if (done()) return;
  const scenario::Phase& phase = config_.phases[index];
  TTFT_CHECK(phase.requests || phase.duration_ns, "a phase needs requests or a duration");
  const std::size_t targets = config_.targets;
  phase_start_ns_ = start_ns;
  phase_end_ns_.reset();
  if (phase.duration_ns) phase_end_ns_ = start_ns + scaled(*phase.duration_ns);
  started_in_phase_.assign(targets, 0);
  pacing_ = phase.cold()                               ? Pacing::cold
            : phase.replay()                           ? Pacing::replay
            : phase.concurrency && config_.conversation ? Pacing::conversation
            : phase.concurrency                        ? Pacing::closed_loop
                                                       : Pacing::open_loop;
  conversations_.assign(targets, {});
  conversations_started_.assign(targets, 0);
  tie_ranks_ = tie_break_ranks(phase.order, targets, derive_seed(config_.seed, index, kTieStream));
  if (pacing_ == Pacing::open_loop) {
    order_.emplace(phase.order, targets, phase.requests,
                   derive_seed(config_.seed, index, kOrderStream));
    arrivals_.emplace(phase, config_.time_scale, derive_seed(config_.seed, index, kArrivalStream));
    advance_open_loop();
    skip_done_open_loop(start_ns);
  } else {
    skip_done();
  }
}

// Phases never overlap: the next one starts when every request of this one has finished, so a
// cold request never shares the client, the network or the provider with this run's warm traffic.
void Scheduler::advance_if_complete(Nanos now_ns) {
  while (!done() && in_flight_.empty() && phase_exhausted(now_ns)) {
    enter_phase(phase_index_ + 1, now_ns);
  }
}

bool Scheduler::has_budget(std::size_t target) const {
  const auto& requests = config_.phases[phase_index_].requests;
  return !requests || started_in_phase_[target] < *requests;
}

bool Scheduler::phase_exhausted(Nanos now_ns) const {
  bool any_budget = false;
  for (std::size_t t = 0; t < config_.targets; ++t) any_budget = any_budget || has_budget(t);
  switch (pacing_) {
    case Pacing::open_loop: return !next_open_;
    case Pacing::cold:
    case Pacing::replay:
    case Pacing::conversation: return !any_budget;
    case Pacing::closed_loop: return !any_budget || (phase_end_ns_ && now_ns >= *phase_end_ns_);
  }
  return true;
}

// Among starts due at the same moment: alternate and blocks favour the target with fewer starts
// in this phase (so a closed loop fills A B A B), then the tie rank; sequential uses the rank only
// (A fills its slots first).
bool Scheduler::before_tie(std::size_t a, std::size_t b) const {
  if (config_.phases[phase_index_].order == scenario::Order::sequential) {
    return tie_ranks_[a] < tie_ranks_[b];
  }
  return std::pair(started_in_phase_[a], tie_ranks_[a]) <
         std::pair(started_in_phase_[b], tie_ranks_[b]);
}

// Cold (docs/scenario.md ("Cold phases and idle sweeps")): a target's request is due once that
// target has had no request from this run for at least `idle`, measured from the END of its
// previous request (a provider's idle timer runs from its last response), whatever phase that
// request was in. Targets idle in parallel. A target this run has never called waits the full
// gap from the run's start (cold_due_ns); its sample's idle_before_s stays empty all the same,
// since what traffic it had before is unknown.
Nanos Scheduler::cold_gap_ns(std::size_t target) const {
  const std::vector<Nanos>& idle = config_.phases[phase_index_].idle_ns;
  const auto gap_index =
      std::min<std::size_t>(static_cast<std::size_t>(started_in_phase_[target]), idle.size() - 1);
  return scaled(idle[gap_index]);
}

// A cold request is due once its target has been idle for the gap. The run's start counts as
// the target's last activity: we cannot know what traffic it had before, so the first cold
// request also waits the full gap rather than risk measuring a warm instance as cold.
std::optional<Nanos> Scheduler::cold_due_ns(std::size_t target) const {
  if (in_flight_per_target_[target] > 0 || !has_budget(target)) return std::nullopt;
  const Nanos last_activity_ns = last_end_ns_[target].value_or(0);
  return std::max(phase_start_ns_, last_activity_ns + cold_gap_ns(target));
}

// Cold and replay starts are due per target; the earliest one due by `now_ns` (or, without it, at
// any time) wins, ties broken as before_tie says.
std::optional<Scheduler::Candidate> Scheduler::earliest_due(std::optional<Nanos> now_ns) const {
  std::optional<Candidate> best;
  for (std::size_t t = 0; t < config_.targets; ++t) {
    const std::optional<Nanos> due = pacing_ == Pacing::cold ? cold_due_ns(t) : replay_due_ns(t);
    if (!due || (now_ns && *due > *now_ns)) continue;
    const bool better = !best || *due < *best->intended_ns ||
                        (*due == *best->intended_ns && before_tie(t, best->target));
    if (!better) continue;
    best = Candidate{t, due, std::nullopt, std::nullopt};
    if (pacing_ == Pacing::cold) best->idle_gap_ns = cold_gap_ns(t);
  }
  return best;
}

// Closed loop: each target keeps `concurrency` requests in flight; a finish frees a slot for
// that target. No new start at or after the duration bound.
std::optional<Scheduler::Candidate> Scheduler::next_closed(Nanos now_ns) const {
  if (phase_end_ns_ && now_ns >= *phase_end_ns_) return std::nullopt;
  const std::int64_t slots = *config_.phases[phase_index_].concurrency;
  std::optional<std::size_t> best;
  for (std::size_t t = 0; t < config_.targets; ++t) {
    if (in_flight_per_target_[t] >= slots || !has_budget(t)) continue;
    if (!best || before_tie(t, *best)) best = t;
  }
  if (!best) return std::nullopt;
  return Candidate{*best, std::nullopt, std::nullopt, std::nullopt};
}

// Replay (docs/scenario.md ("Trace replay")): a target's i-th request is due at the trace's i-th
// offset divided by speedup (and scaled), whatever its earlier requests are doing: open loop.
std::optional<Nanos> Scheduler::replay_due_ns(std::size_t target) const {
  if (!has_budget(target)) return std::nullopt;
  const scenario::Phase& phase = config_.phases[phase_index_];
  const auto line = static_cast<std::size_t>(started_in_phase_[target]);
  const auto offset = static_cast<Nanos>(std::llround(static_cast<double>(phase.trace[line].offset_ns) / phase.speedup));
  return phase_start_ns_ + scaled(offset);
}

// Conversations (docs/scenario.md ("Conversations")): each target keeps `concurrency` conversations
// going; a conversation's next turn is due `think_time` after its previous turn ended, and a new
// conversation starts when one has had its last turn. `requests` counts turns.
std::optional<Scheduler::Candidate> Scheduler::next_conversation_turn(Nanos now_ns) const {
  const std::int64_t slots = *config_.phases[phase_index_].concurrency;
  const std::int64_t turns = config_.conversation->turns;
  std::optional<Candidate> best;
  const auto consider = [&](std::size_t t, Nanos ready_ns, std::optional<std::size_t> slot) {
    const bool better = !best || ready_ns < best->intended_ns.value_or(0) ||
                        (ready_ns == best->intended_ns.value_or(0) && before_tie(t, best->target));
    if (better) best = Candidate{t, ready_ns, std::nullopt, slot};
  };
  for (std::size_t t = 0; t < config_.targets; ++t) {
    if (!has_budget(t)) continue;
    const auto& active = conversations_[t];
    for (std::size_t i = 0; i < active.size(); ++i) {
      if (!active[i].in_flight && active[i].ready_ns <= now_ns) consider(t, active[i].ready_ns, i);
    }
    const std::int64_t conversations = *config_.phases[phase_index_].requests / turns;
    if (static_cast<std::int64_t>(active.size()) < slots && conversations_started_[t] < conversations) {
      consider(t, phase_start_ns_, std::nullopt);
    }
  }
  if (best) best->intended_ns.reset();  // a closed loop: no planned start, no send lag
  return best;
}

std::optional<Nanos> Scheduler::next_conversation_due_ns() const {
  if (next_conversation_turn(latest_ns_)) return latest_ns_;
  std::optional<Nanos> earliest;
  for (std::size_t t = 0; t < config_.targets; ++t) {
    for (const Conversation& c : conversations_[t]) {
      if (!c.in_flight && (!earliest || c.ready_ns < *earliest)) earliest = c.ready_ns;
    }
  }
  return earliest;
}

void Scheduler::finish_conversation_turn(const PlannedRequest& request, Nanos now_ns) {
  auto& active = conversations_[request.target_index];
  const auto found = std::find_if(active.begin(), active.end(),
                                  [&](const Conversation& c) { return c.id == request.conversation; });
  TTFT_CHECK(found != active.end(), "a turn finished for a conversation not in progress");
  found->in_flight = false;
  if (found->next_turn > config_.conversation->turns) {
    active.erase(found);
    return;
  }
  found->ready_ns = now_ns + scaled(config_.conversation->think_ns);
}

// Open loop (wrk2's lesson on coordinated omission): start k is due at its planned time whether
// or not earlier requests have answered, so a slow response never delays the next start and
// latency is measured from when the request should have been sent.
void Scheduler::advance_open_loop() {
  next_open_.reset();
  const std::optional<std::size_t> target = order_->next();
  if (!target) return;
  const Nanos due_ns = phase_start_ns_ + arrivals_->next_offset_ns();
  if (phase_end_ns_ && due_ns >= *phase_end_ns_) return;
  next_open_ = Candidate{*target, due_ns, std::nullopt, std::nullopt};
}

void Scheduler::start_conversation_turn(const Candidate& candidate, PlannedRequest& request) {
  auto& active = conversations_[candidate.target];
  if (!candidate.conversation_slot) {
    active.push_back(Conversation{conversations_started_[candidate.target]++, 1, 0, false});
  }
  Conversation& c = candidate.conversation_slot ? active[*candidate.conversation_slot] : active.back();
  c.in_flight = true;
  request.conversation = c.id;
  request.turn = c.next_turn++;
}

PlannedRequest Scheduler::start(const Candidate& candidate) {
  const std::size_t t = candidate.target;
  PlannedRequest request;
  request.phase_index = phase_index_;
  request.target_index = t;
  request.index_in_phase = started_in_phase_[t]++;
  if (!planned_seq_.empty()) {
    const auto& planned = planned_seq_[phase_index_][t];
    const auto index = static_cast<std::size_t>(request.index_in_phase);
    TTFT_CHECK(index < planned.size(), "a sharded run started a request its plan does not have");
    request.seq = planned[index];
  } else {
    request.seq = next_seq_++;
  }
  // Per target, so the i-th request to A and to B carry the same prompt: prompt length never
  // biases an A/B comparison.
  request.pick = started_in_run_[t]++;
  if (pacing_ == Pacing::conversation) start_conversation_turn(candidate, request);
  request.intended_start_ns = candidate.intended_ns;
  request.idle_gap_ns = candidate.idle_gap_ns;
  in_flight_.insert(request.seq);
  ++in_flight_per_target_[t];
  return request;
}

// A sharded run walks the whole schedule and hands out its own requests only. Another shard's
// request takes no time here: it ends the moment it is due, so what follows keeps its place in
// the schedule. Open-loop starts keep their planned times exactly (the N machines together send
// the unsharded arrivals). A cold request still waits its full idle gap after its target's
// previous request; when that one ran on another shard it ended up to one response time later
// than it does here, so the target's idle time across all shards can be that much shorter. A
// closed loop keeps `concurrency` of this shard's own requests in flight per target: its pace
// follows the responses and cannot be split, so N shards together put up to N times that on a
// target. A phase ends, and the next one starts, when this shard's part of it has ended.
std::optional<PlannedRequest> Scheduler::poll(Nanos now_ns) {
  while (true) {
    std::optional<PlannedRequest> request = poll_unsharded(now_ns);
    if (!request || !shard_ || shard_->owns(request->seq)) return request;
    on_finished(*request, now_ns);
  }
}

std::optional<PlannedRequest> Scheduler::poll_unsharded(Nanos now_ns) {
  latest_ns_ = std::max(latest_ns_, now_ns);
  advance_if_complete(now_ns);
  if (done()) return std::nullopt;
  std::optional<Candidate> candidate;
  switch (pacing_) {
    case Pacing::open_loop:
      if (next_open_ && *next_open_->intended_ns <= now_ns) candidate = next_open_;
      break;
    case Pacing::cold:
    case Pacing::replay: candidate = earliest_due(now_ns); break;
    case Pacing::closed_loop: candidate = next_closed(now_ns); break;
    case Pacing::conversation: candidate = next_conversation_turn(now_ns); break;
  }
  if (!candidate) return std::nullopt;
  PlannedRequest request = start(*candidate);
  if (pacing_ == Pacing::open_loop) advance_open_loop();
  skip_done();
  return request;
}

std::optional<Nanos> Scheduler::next_due_ns() const {
  if (done()) return std::nullopt;
  switch (pacing_) {
    case Pacing::open_loop: return next_open_ ? next_open_->intended_ns : std::nullopt;
    case Pacing::cold:
    case Pacing::replay: {
      const std::optional<Candidate> earliest = earliest_due(std::nullopt);
      return earliest ? earliest->intended_ns : std::nullopt;
    }
    case Pacing::closed_loop:
      // A free slot is startable now (the latest time we were told); otherwise wait for a finish.
      if (next_closed(latest_ns_)) return latest_ns_;
      return std::nullopt;
    case Pacing::conversation: return next_conversation_due_ns();
  }
  return std::nullopt;
}

void Scheduler::on_finished(const PlannedRequest& request, Nanos now_ns) {
  TTFT_CHECK(in_flight_.erase(request.seq) == 1, "a request finished twice or never started");
  TTFT_CHECK(request.phase_index == phase_index_, "a request finished outside its phase");
  latest_ns_ = std::max(latest_ns_, now_ns);
  const std::size_t t = request.target_index;
  --in_flight_per_target_[t];
  last_end_ns_[t] = std::max(last_end_ns_[t].value_or(now_ns), now_ns);
  if (pacing_ == Pacing::conversation) finish_conversation_turn(request, now_ns);
  advance_if_complete(now_ns);
}

}  // namespace ttft::schedule
