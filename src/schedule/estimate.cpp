// Estimates for `validate` and progress: request totals and the run's duration. The duration
// runs a fresh copy of the schedule against a simulated clock, so it can never disagree with
// what `run` would do under the same assumed response time; a shard's plan is made the same way.
#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <vector>

#include "core/check.hpp"
#include "schedule/rng.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::schedule {
namespace {

struct Finish {
  Nanos at_ns;
  PlannedRequest request;
  bool operator>(const Finish& other) const {
    return at_ns != other.at_ns ? at_ns > other.at_ns : request.seq > other.request.seq;
  }
};

}  // namespace

std::int64_t Scheduler::total_requests(Nanos assumed_response_ns) const {
  if (!planned_seq_.empty()) return planned_requests_;
  const auto targets = static_cast<std::int64_t>(config_.targets);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < config_.phases.size(); ++i) {
    const scenario::Phase& phase = config_.phases[i];
    const std::int64_t cap =
        phase.requests ? *phase.requests * targets : std::numeric_limits<std::int64_t>::max();
    if (!phase.duration_ns || phase.cold()) {
      total += cap;
    } else if (!phase.concurrency) {
      const Arrivals arrivals(phase, config_.time_scale,
                              derive_seed(config_.seed, i, kArrivalStream));
      total += arrivals.count_before(scaled(*phase.duration_ns), cap);
    } else {
      // Closed loop: every slot turns over once per response time until the bound.
      const double rounds = std::ceil(static_cast<double>(scaled(*phase.duration_ns)) /
                                      static_cast<double>(std::max<Nanos>(assumed_response_ns, 1)));
      const double estimate = rounds * static_cast<double>(*phase.concurrency * targets);
      total += estimate >= static_cast<double>(cap) ? cap : static_cast<std::int64_t>(estimate);
    }
  }
  return total;
}

bool Scheduler::total_is_estimate() const {
  return std::any_of(config_.phases.begin(), config_.phases.end(),
                     [](const scenario::Phase& p) { return p.concurrency && p.duration_ns; });
}

std::optional<std::int64_t> Scheduler::planned_requests(std::size_t phase_index, std::size_t target_index) const {
  if (phase_index >= planned_seq_.size() || target_index >= config_.targets) return std::nullopt;
  const std::vector<std::int64_t>& seqs = planned_seq_[phase_index][target_index];
  return std::count_if(seqs.begin(), seqs.end(),
                       [this](std::int64_t seq) { return (!shard_ || shard_->owns(seq)) && done_.count(seq) == 0; });
}

Nanos Scheduler::estimated_duration_ns(Nanos assumed_response_ns) const {
  return simulate(assumed_response_ns, [](const PlannedRequest&) {});
}

Nanos Scheduler::simulate(Nanos assumed_response_ns,
                          const std::function<void(const PlannedRequest&)>& on_start) const {
  Scheduler sim(config_);
  std::priority_queue<Finish, std::vector<Finish>, std::greater<>> pending;
  Nanos now_ns = 0;
  while (!sim.done()) {
    while (const std::optional<PlannedRequest> request = sim.poll(now_ns)) {
      on_start(*request);
      pending.push(Finish{now_ns + assumed_response_ns, *request});
    }
    if (sim.done()) break;
    std::optional<Nanos> next_ns = sim.next_due_ns();
    if (!pending.empty() && (!next_ns || pending.top().at_ns <= *next_ns)) {
      now_ns = pending.top().at_ns;
      while (!pending.empty() && pending.top().at_ns == now_ns) {
        sim.on_finished(pending.top().request, now_ns);
        pending.pop();
      }
      continue;
    }
    TTFT_CHECK(next_ns && *next_ns > now_ns, "schedule stalled with nothing in flight");
    now_ns = *next_ns;
  }
  return now_ns;
}

}  // namespace ttft::schedule
