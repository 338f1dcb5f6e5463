// Replays measured requests through routing policies (docs/metrics.md ("What-if policies")): each simulated
// request draws, independently and with replacement, one measured sample per target (seeded), and a policy
// decides which of those draws the user would have seen and which the provider would bill.
// Pure: no I/O, no clock.
//
// Assumptions (printed by `whatif`): samples are independent of each other and of the target
// asked (no shared congestion, no warm-up caused by the routing itself); every target answers
// the same prompts; a target's latency does not depend on the other target's.
// Timing rules, with A the first target and B the second, T the policy's duration:
// - fallback: A answers within T → A. Otherwise the client gives up on A at T (or when A fails,
//   if sooner) and asks B: latency = that moment + B's latency. An abandoned slow A is billed its
//   input tokens (providers bill the prompt once processing starts); a failed request is free.
// - hedge: B is also asked at T (or when A fails, if sooner) unless A answered by then; the
//   user sees whichever answers first. Nothing is cancelled: A and a fired B are both billed
//   in full (an upper bound on a client that cancels the loser mid-stream).
// - split: the prompt's input tokens (drawn from every target's measured prompts) pick A
//   (fewer than N) or B; that target's draw is then used, whatever its prompt was.
// - route: the same, with the drawn prompt's text (outputs.jsonl) judged by route.hpp's rule; a
//   measured request without a recorded prompt counts as an empty one.
// Accuracy is over the answers a policy serves: correct / graded, with the served draw's grade.
// A request that no path answers is an error: it counts in the error rate, never as a latency.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "cost/monthly_cost.hpp"
#include "stats/proportion.hpp"
#include "whatif/policy.hpp"
#include "whatif/sample_pool.hpp"

namespace ttft::whatif {

struct ReplayOptions {
  std::int64_t requests = 10'000;  // simulated requests per policy (> 0)
  std::uint64_t seed = 0;
};

struct Outcome {
  Policy policy;
  std::int64_t requests = 0, errors = 0;
  std::optional<double> p50_ms, p95_ms, p99_ms;  // type 7, over the answered requests
  std::int64_t second_used = 0;  // requests sent to the second target (fallback, hedge, split)
  // Cost over all requests, failed ones included; nullopt when a target it uses is unpriced.
  std::optional<double> usd_per_1k_requests;
  std::optional<double> usd_per_mtok;  // per million tokens of the answers served
  std::map<std::string, cost::BilledTraffic> billed;  // by target; `requests` = all requests
  // Correct answers of the graded ones it served (k of n), and their 95% Wilson interval;
  // n = 0 when no served answer was graded.
  stats::Proportion accuracy;
  std::optional<stats::Interval> accuracy_ci;
};

/// The outcome of each policy over the same `options.requests` simulated requests (the same
/// draws for every policy, so their differences are not sampling noise). A policy naming a
/// target whose pool is empty is an error naming the policy and the target.
Result<std::vector<Outcome>> replay(const std::vector<Policy>& policies, const std::vector<TargetPool>& pools,
                                    const ReplayOptions& options);

}  // namespace ttft::whatif
