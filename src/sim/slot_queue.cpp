// First-come-first-served slot bookkeeping of the simulator (see slot_queue.hpp).
#include "sim/slot_queue.hpp"

#include <algorithm>

namespace ttft::sim {

bool SlotQueue::arrive(Ticket ticket) {
  if (full()) {
    waiting_.push_back(ticket);
    return false;
  }
  holders_.insert(ticket);
  return true;
}

std::optional<SlotQueue::Ticket> SlotQueue::leave(Ticket ticket) {
  if (holders_.erase(ticket) == 0) {
    // Waiting (a client gone before its turn) or unknown: it held nothing, so it frees nothing.
    const auto it = std::find(waiting_.begin(), waiting_.end(), ticket);
    if (it != waiting_.end()) waiting_.erase(it);
    return std::nullopt;
  }
  if (waiting_.empty() || full()) return std::nullopt;
  const Ticket next = waiting_.front();
  waiting_.pop_front();
  holders_.insert(next);
  return next;
}

void SlotQueue::clear() {
  holders_.clear();
  waiting_.clear();
}

}  // namespace ttft::sim
