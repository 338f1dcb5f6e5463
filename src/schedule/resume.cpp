// Resuming a schedule (`run --resume`): the requests that already have a row are passed over
// without being sent. Pure, like the rest of the scheduler: no I/O, no clock.
#include <algorithm>

#include "schedule/scheduler.hpp"

namespace ttft::schedule {

bool Scheduler::plans(const RequestKey& key) const {
  if (key.phase_index >= planned_seq_.size() || key.target_index >= config_.targets) return false;
  const std::vector<std::int64_t>& seqs = planned_seq_[key.phase_index][key.target_index];
  return std::binary_search(seqs.begin(), seqs.end(), key.seq);  // a target's seqs rise with its starts
}

bool Scheduler::next_is_done(std::size_t target) const {
  const std::vector<std::int64_t>& seqs = planned_seq_[phase_index_][target];
  const auto index = static_cast<std::size_t>(started_in_phase_[target]);
  return index < seqs.size() && done_.count(seqs[index]) > 0;
}

// A done request takes no time and no slot: it was measured before the process died. Its end is
// not a target's last activity either: the time since then is unknown (the process was dead), so
// a cold request waits its full idle gap from the resume's start, as the first cold request of a
// run waits it from the run's start, rather than risk measuring a warm instance as cold. The
// idle-gap and prompt indices still count it, so what is left gets the gaps and prompts planned.
void Scheduler::skip_done() {
  if (done_.empty() || done()) return;
  const auto pass = [this](std::size_t target) {
    ++started_in_phase_[target];
    ++started_in_run_[target];
  };
  if (pacing_ == Pacing::open_loop) {
    while (next_open_ && next_is_done(next_open_->target)) {
      pass(next_open_->target);
      advance_open_loop();
    }
    return;
  }
  for (std::size_t t = 0; t < config_.targets; ++t) {
    while (has_budget(t) && next_is_done(t)) pass(t);
  }
}

// An open-loop phase whose first requests are done restarts its clock at the first one left, so
// the arrivals that fell due while the process was dead are not sent as one burst; the rest keep
// their planned spacing (and the duration bound moves with them). Done requests further on leave
// their arrival slots empty, which keeps every later start on its planned time.
void Scheduler::skip_done_open_loop(Nanos start_ns) {
  if (done_.empty() || !next_open_ || !next_is_done(next_open_->target)) return;
  skip_done();
  if (!next_open_) return;
  const Nanos shift_ns = *next_open_->intended_ns - start_ns;
  phase_start_ns_ -= shift_ns;
  if (phase_end_ns_) *phase_end_ns_ -= shift_ns;
  next_open_->intended_ns = start_ns;
}

}  // namespace ttft::schedule
