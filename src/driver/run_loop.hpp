// Runs a whole schedule: starts each planned request when it is due (open loop: a slow response
// never delays the next start), hands every ended request back exactly once, and on a stop
// request drains what is in flight for a grace period before aborting the rest.
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "driver/driver.hpp"
#include "driver/side_transport.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::driver {

// Starting a request costs tens of microseconds (handle set-up, connect), and a closed loop frees
// hundreds of slots at once. Starting them all in one turn would leave every in-flight read
// waiting behind the burst, and the requests just started would wait to send theirs: the client's
// own error. So at most this many start (each at most one connect) between two waits, and what is
// ready, reads first, is processed in between.
inline constexpr int kMaxStartsPerTurn = 8;

/// One ended request with the timing the schedule adds.
struct Finished {
  schedule::PlannedRequest planned;
  Outcome outcome;
  std::optional<Nanos> send_lag_ns;      // actual start - intended start (open-loop and cold)
  std::optional<double> idle_before_s;   // since this target's previous request ended
};

struct RunHooks {
  /// The request to send for a planned one (called when it is due).
  std::function<Result<RequestSpec>(const schedule::PlannedRequest&)> make_request;
  /// Every request, exactly once, as it ends (success, error, or aborted).
  std::function<void(Finished&&)> on_finished;
  /// Called between loop iterations, at most every progress_every_ns (for a progress line).
  std::function<void(Nanos now_ns)> on_progress;
  Nanos progress_every_ns = 200 * kNanosPerMs;
  /// Sends the requests whose spec says `browser` (docs/browser.md); null when the run has none.
  SideTransport* side = nullptr;
};

struct RunLoopResult {
  bool interrupted = false;
  LoopStats loop;
};

/// Runs `scheduler` to completion or until `stop` becomes true. Times given to the scheduler
/// are relative to `run_start_ns` (absolute monotonic).
Result<RunLoopResult> run_schedule(schedule::Scheduler& scheduler, Driver& driver, const RunHooks& hooks,
                                   const std::atomic<bool>& stop, Nanos run_start_ns,
                                   Nanos stop_grace_ns = 2 * kNanosPerSecond);

}  // namespace ttft::driver
