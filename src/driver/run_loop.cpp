#include "driver/run_loop.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/check.hpp"

namespace ttft::driver {
namespace {

// While side-transport requests run the loop wakes on its wake_fd; this bound is only a safety net.
constexpr Nanos kNeverNs = std::numeric_limits<Nanos>::max();
constexpr Nanos kSideWakeNs = 250 * kNanosPerMs;

/// When each target's last request ended, and how many are in flight, for idle_before_s.
class IdleTracker {
 public:
  std::optional<double> idle_before_s(std::size_t target, Nanos t0_ns) const {
    const auto it = targets_.find(target);
    if (it == targets_.end()) return std::nullopt;   // the target's first request
    if (it->second.in_flight > 0) return 0.0;        // not idle: a request is still running
    if (!it->second.last_end_ns) return std::nullopt;
    return static_cast<double>(t0_ns - *it->second.last_end_ns) / 1e9;
  }
  void started(std::size_t target) { ++targets_[target].in_flight; }
  void ended(std::size_t target, Nanos end_ns) {
    auto& state = targets_[target];
    --state.in_flight;
    if (!state.last_end_ns || end_ns > *state.last_end_ns) state.last_end_ns = end_ns;
  }

 private:
  struct State {
    int in_flight = 0;
    std::optional<Nanos> last_end_ns;
  };
  std::unordered_map<std::size_t, State> targets_;
};

struct InFlight {
  schedule::PlannedRequest planned;
  std::optional<double> idle_before_s;
};

}  // namespace

Result<RunLoopResult> run_schedule(schedule::Scheduler& scheduler, Driver& driver, const RunHooks& hooks,
                                   const std::atomic<bool>& stop, Nanos run_start_ns, Nanos stop_grace_ns) {
  std::unordered_map<std::uint64_t, InFlight> in_flight;  // by seq
  IdleTracker idle;
  Nanos next_progress_ns = 0;
  if (hooks.side) driver.watch(hooks.side->wake_fd());
  const auto side_in_flight = [&] { return hooks.side ? hooks.side->in_flight() : std::size_t{0}; };

  const auto finish = [&](Outcome&& outcome) {
    auto node = in_flight.extract(outcome.tag);
    TTFT_CHECK(!node.empty(), "an ended request was never started");
    auto& [planned, idle_before_s] = node.mapped();
    const Nanos end_abs_ns = outcome.t0_ns + outcome.end_ns.value_or(0);
    idle.ended(planned.target_index, end_abs_ns);
    scheduler.on_finished(planned, monotonic_ns() - run_start_ns);
    Finished finished{planned, std::move(outcome), std::nullopt, idle_before_s};
    if (planned.intended_start_ns) {
      // wrk2's lesson: keep the intended start, report how late the client actually was.
      finished.send_lag_ns = finished.outcome.t0_ns - (run_start_ns + *planned.intended_start_ns);
    }
    hooks.on_finished(std::move(finished));
  };

  while (!scheduler.done() && !stop.load()) {
    const Nanos now_ns = monotonic_ns() - run_start_ns;
    int starts_left = kMaxStartsPerTurn;
    while (starts_left > 0) {
      auto planned = scheduler.poll(now_ns);
      if (!planned) break;
      --starts_left;
      auto spec = hooks.make_request(*planned);
      if (!spec) return tl::unexpected(spec.error());
      spec->tag = static_cast<std::uint64_t>(planned->seq);
      const std::size_t target = planned->target_index;
      in_flight.emplace(spec->tag, InFlight{*planned, idle.idle_before_s(target, monotonic_ns())});
      idle.started(target);
      if (spec->browser) {
        TTFT_CHECK(hooks.side != nullptr, "a browser request without a browser");
        hooks.side->start(std::move(*spec));
      } else if (auto started = driver.start(std::move(*spec)); !started) {
        return tl::unexpected(started.error());
      }
    }
    const auto due_ns = scheduler.next_due_ns();
    std::optional<Nanos> wake_ns = due_ns ? std::optional<Nanos>(run_start_ns + *due_ns) : std::nullopt;
    if (hooks.side && hooks.side->in_flight() > 0) wake_ns = std::min(wake_ns.value_or(kNeverNs), monotonic_ns() + kSideWakeNs);
    auto ended = starts_left == 0 ? driver.step_without_waiting() : driver.step(wake_ns);
    if (hooks.side) {
      for (auto& outcome : hooks.side->take_finished()) ended.push_back(std::move(outcome));
    }
    for (auto& outcome : ended) finish(std::move(outcome));
    if (hooks.on_progress && monotonic_ns() >= next_progress_ns) {
      hooks.on_progress(monotonic_ns() - run_start_ns);
      next_progress_ns = monotonic_ns() + hooks.progress_every_ns;
    }
  }

  RunLoopResult result;
  result.interrupted = stop.load() && !scheduler.done();
  if (result.interrupted) {
    // Stop sending; give what is in flight a moment to finish, then end the rest as aborted.
    const Nanos grace_end_ns = monotonic_ns() + stop_grace_ns;
    while (driver.in_flight() + side_in_flight() > 0 && monotonic_ns() < grace_end_ns) {
      for (auto& outcome : driver.step(grace_end_ns)) finish(std::move(outcome));
      if (hooks.side) {
        for (auto& outcome : hooks.side->take_finished()) finish(std::move(outcome));
      }
    }
    for (auto& outcome : driver.abort_all("aborted", "stopped by the user (Ctrl-C)")) finish(std::move(outcome));
    if (hooks.side) {
      for (auto& outcome : hooks.side->abort_all("aborted", "stopped by the user (Ctrl-C)")) finish(std::move(outcome));
    }
  }
  result.loop = driver.loop_stats();
  return result;
}

}  // namespace ttft::driver
