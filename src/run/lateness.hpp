// The client's own lateness over a run, summarised from what the run loop and the rows measured.
#pragma once

#include <vector>

#include "driver/run_loop.hpp"
#include "results/lateness.hpp"

namespace ttft::run {

/// How late requests started (send lag, from every row's send_lag_ns), how late timed wake-ups
/// came, and how long the loop was busy between waits (what a read could have waited behind).
results::LatenessSummary summarize_lateness(std::vector<double> send_lags_ns, const driver::LoopStats& loop);

}  // namespace ttft::run
