// The simulator's serving slots: at most N responses stream at once, and requests beyond them
// wait first come first served. Pure bookkeeping of tickets: no clock, no events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_set>

namespace ttft::sim {

class SlotQueue {
 public:
  using Ticket = std::uint64_t;

  /// `slots` concurrent holders; 0 = unlimited (every arrival holds a slot at once).
  explicit SlotQueue(std::int64_t slots) : slots_(slots) {}

  /// A request arrives: true when it holds a slot now, false when it waits behind the others.
  /// A ticket must arrive once.
  bool arrive(Ticket ticket);

  /// The request has ended, whatever the way (completed, fault, client gone). If it held a slot,
  /// the slot passes to the longest-waiting ticket, which is returned (it now holds the slot);
  /// if it was waiting, it only leaves the queue; an unknown ticket changes nothing.
  std::optional<Ticket> leave(Ticket ticket);

  bool holds(Ticket ticket) const { return holders_.count(ticket) > 0; }
  std::int64_t busy() const { return static_cast<std::int64_t>(holders_.size()); }
  std::size_t waiting() const { return waiting_.size(); }

  /// Forgets every ticket (server stop).
  void clear();

 private:
  bool full() const { return slots_ > 0 && busy() >= slots_; }

  std::int64_t slots_;
  std::unordered_set<Ticket> holders_;
  std::deque<Ticket> waiting_;  // front: the longest waiting
};

}  // namespace ttft::sim
