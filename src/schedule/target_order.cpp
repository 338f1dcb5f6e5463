// Target order for successive starts. Blocks follow the counterbalancing used in A/B designs:
// ABBA or BAAB at random, so drift over time (provider load, network) hits both targets alike;
// for k targets a block is a random permutation followed by its reverse.
#include "schedule/target_order.hpp"

#include <algorithm>
#include <numeric>

#include "core/check.hpp"
#include "schedule/rng.hpp"

namespace ttft::schedule {
namespace {

std::vector<std::size_t> random_permutation(Rng& rng, std::size_t n) {
  std::vector<std::size_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[static_cast<std::size_t>(rng.below(i))]);
  return perm;
}

}  // namespace

TargetOrder::TargetOrder(scenario::Order order, std::size_t targets,
                         std::optional<std::int64_t> per_target, std::uint64_t seed)
    : order_(order), targets_(targets), per_target_(per_target), rng_(seed) {
  TTFT_CHECK(targets > 0, "a schedule needs targets");
  TTFT_CHECK(order != scenario::Order::sequential || per_target, "sequential needs a count");
}

void TargetOrder::refill_block() {
  // A block is two halves; with an odd per-target count the last block is one half, which
  // still gives every target exactly one start, so counts stay equal.
  const std::int64_t halves_left = per_target_ ? *per_target_ - halves_done_ : 2;
  if (halves_left <= 0) return;
  std::vector<std::size_t> perm = random_permutation(rng_, targets_);
  std::vector<std::size_t> block = perm;
  if (halves_left >= 2) block.insert(block.end(), perm.rbegin(), perm.rend());
  halves_done_ += halves_left >= 2 ? 2 : 1;
  pending_.assign(block.rbegin(), block.rend());  // back() is the next start
}

std::optional<std::size_t> TargetOrder::next() {
  const auto total = per_target_ ? std::optional(*per_target_ * static_cast<std::int64_t>(targets_))
                                 : std::nullopt;
  if (total && emitted_ >= *total) return std::nullopt;
  const auto k = emitted_++;
  const auto n = static_cast<std::int64_t>(targets_);
  switch (order_) {
    case scenario::Order::alternate: return static_cast<std::size_t>(k % n);
    case scenario::Order::sequential: return static_cast<std::size_t>(k / *per_target_);
    case scenario::Order::blocks:
      if (pending_.empty()) refill_block();
      TTFT_CHECK(!pending_.empty(), "blocks ran out before the total");
      const std::size_t target = pending_.back();
      pending_.pop_back();
      return target;
  }
  return std::nullopt;
}

std::vector<std::size_t> tie_break_ranks(scenario::Order order, std::size_t targets,
                                         std::uint64_t seed) {
  std::vector<std::size_t> ranks(targets);
  std::iota(ranks.begin(), ranks.end(), 0);
  if (order != scenario::Order::blocks) return ranks;
  Rng rng(seed);
  const std::vector<std::size_t> perm = random_permutation(rng, targets);
  for (std::size_t position = 0; position < targets; ++position) ranks[perm[position]] = position;
  return ranks;
}

}  // namespace ttft::schedule
