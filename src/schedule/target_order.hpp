// Which target each successive start goes to (docs/scenario.md ("Order")): alternate (A B A B),
// sequential (all of A, then all of B) or blocks (seeded ABBA/BAAB). Pure and deterministic.
#pragma once

#include "core/random.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "scenario/scenario.hpp"

namespace ttft::schedule {

class TargetOrder {
 public:
  /// `per_target` bounds every target's starts (nullopt = unbounded; not with sequential).
  TargetOrder(scenario::Order order, std::size_t targets, std::optional<std::int64_t> per_target,
              std::uint64_t seed);

  /// The target of the next start; nullopt once every target has had `per_target` starts.
  std::optional<std::size_t> next();

 private:
  void refill_block();

  scenario::Order order_;
  std::size_t targets_;
  std::optional<std::int64_t> per_target_;
  Rng rng_;
  std::int64_t emitted_ = 0;
  std::int64_t halves_done_ = 0;      // blocks: permutations emitted (each gives every target one)
  std::vector<std::size_t> pending_;  // blocks: the rest of the current block, back = next
};

/// Tie-break ranks for starts due at the same moment (cold and closed-loop phases): identity,
/// or for blocks a seeded random permutation. rank[target] = position.
std::vector<std::size_t> tie_break_ranks(scenario::Order order, std::size_t targets,
                                         std::uint64_t seed);

}  // namespace ttft::schedule
