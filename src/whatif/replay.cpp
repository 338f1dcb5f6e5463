// The replay loop: one pass per policy over a shared table of draws.
#include "whatif/replay.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "core/check.hpp"
#include "core/duration.hpp"
#include "core/random.hpp"
#include "cost/money.hpp"
#include "cost/request_cost.hpp"
#include "stats/percentile.hpp"
#include "whatif/route.hpp"

namespace ttft::whatif {
namespace {

constexpr double kPer1kRequests = 1000;

// Request i's draw from pool p is draws_[i * pools + p]; prompts[i] is the measured request whose
// prompt it sends (its size for split, its text for route), nullptr when nothing was measured.
struct DrawTable {
  std::size_t pools = 0;
  std::vector<std::size_t> draws;
  std::vector<const Draw*> prompts;
};

DrawTable draw_table(const std::vector<TargetPool>& pools, const ReplayOptions& options) {
  std::vector<const Draw*> prompts;  // every measured request, the pool of split's and route's draws
  for (const TargetPool& pool : pools) {
    for (const Draw& draw : pool.draws) {
      if (draw.latency_ms) prompts.push_back(&draw);
    }
  }
  Rng rng(splitmix64(options.seed));
  DrawTable table;
  table.pools = pools.size();
  const auto n = static_cast<std::size_t>(options.requests);
  table.draws.reserve(n * pools.size());
  table.prompts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const TargetPool& pool : pools) {
      table.draws.push_back(pool.draws.empty() ? 0 : rng.below(pool.draws.size()));
    }
    table.prompts.push_back(prompts.empty() ? nullptr : prompts[rng.below(prompts.size())]);
  }
  return table;
}

// What one policy's requests add up to: latencies of the answered ones, bills per target.
class Tally {
 public:
  Tally(const Policy& policy, const std::vector<TargetPool>& pools) : pools_(pools) {
    outcome_.policy = policy;
  }

  void bill(std::size_t pool, const Draw& draw, bool input_only) {
    if (!draw.latency_ms) return;  // a failed request is not billed
    const std::int64_t output = input_only ? 0 : draw.output_tokens;
    cost::BilledTraffic& billed = outcome_.billed[pools_[pool].target];
    billed.input_tokens += draw.input_tokens;
    billed.output_tokens += output;
    if (pools_[pool].pricing) billed.cost_pusd += cost::request_cost(*pools_[pool].pricing, draw.input_tokens, output);
  }

  void answer(std::optional<double> latency_ms, const Draw* served, bool second_used) {
    ++outcome_.requests;
    if (second_used) ++outcome_.second_used;
    if (!latency_ms) {
      ++outcome_.errors;
      return;
    }
    latencies_.push_back(*latency_ms);
    served_tokens_ += served->input_tokens + served->output_tokens;
    if (served->correct) {
      ++outcome_.accuracy.n;
      if (*served->correct) ++outcome_.accuracy.k;
      graded_served_.insert(served);
    }
  }

  Outcome finish(const std::vector<std::size_t>& used_pools) {
    std::sort(latencies_.begin(), latencies_.end());
    outcome_.p50_ms = stats::percentile_sorted(latencies_, 50);
    outcome_.p95_ms = stats::percentile_sorted(latencies_, 95);
    outcome_.p99_ms = stats::percentile_sorted(latencies_, 99);
    // The simulated requests repeat the measured answers, so the interval counts the distinct
    // measured answers served: as many as were really graded, not as many as were drawn.
    if (const auto share = outcome_.accuracy.value()) {
      const std::size_t measured = graded_served_.size();
      const auto right = static_cast<std::size_t>(std::llround(*share * static_cast<double>(measured)));
      outcome_.accuracy_ci = stats::wilson_interval({right, measured});
    }
    cost::Pusd total_pusd = 0;
    bool priced = true;
    for (const std::size_t pool : used_pools) {
      cost::BilledTraffic& billed = outcome_.billed[pools_[pool].target];
      billed.requests = outcome_.requests;
      total_pusd += billed.cost_pusd;
      priced = priced && pools_[pool].pricing.has_value();
    }
    if (priced && outcome_.requests > 0) {
      const double usd = cost::pusd_to_usd(total_pusd);
      outcome_.usd_per_1k_requests = usd / static_cast<double>(outcome_.requests) * kPer1kRequests;
      if (served_tokens_ > 0) outcome_.usd_per_mtok = usd / static_cast<double>(served_tokens_) * cost::kTokensPerMtok;
    }
    return std::move(outcome_);
  }

 private:
  const std::vector<TargetPool>& pools_;
  Outcome outcome_;
  std::vector<double> latencies_;
  std::int64_t served_tokens_ = 0;
  std::unordered_set<const Draw*> graded_served_;  // the distinct measured graded answers served
};

// When the client turns to the second target: at T, or when the first fails, if sooner.
double second_start_ms(const Draw& first, double after_ms) {
  if (!first.latency_ms && first.failed_at_ms) return std::min(*first.failed_at_ms, after_ms);
  return after_ms;
}

// Split and route: the drawn prompt picks A or B, and that target's own draw answers.
bool prompt_goes_to_first(const Policy& policy, const Draw* prompt) {
  if (policy.kind == PolicyKind::split) return (prompt ? prompt->input_tokens : 0) < policy.input_tokens_below;
  return routes_to_first(policy, prompt && prompt->prompt ? *prompt->prompt : std::string_view());
}

void replay_request(const Policy& policy, const Draw& a, const Draw& b, const Draw* prompt,
                    std::size_t pool_a, std::size_t pool_b, Tally& tally) {
  const double after_ms = to_ms(policy.after_ns);
  const bool a_in_time = a.latency_ms && *a.latency_ms <= after_ms;
  switch (policy.kind) {
    case PolicyKind::single:
      tally.bill(pool_a, a, false);
      return tally.answer(a.latency_ms, &a, false);
    case PolicyKind::split:
    case PolicyKind::route: {
      const bool to_a = prompt_goes_to_first(policy, prompt);
      tally.bill(to_a ? pool_a : pool_b, to_a ? a : b, false);
      return tally.answer(to_a ? a.latency_ms : b.latency_ms, to_a ? &a : &b, !to_a);
    }
    case PolicyKind::fallback: {
      if (a_in_time) {
        tally.bill(pool_a, a, false);
        return tally.answer(a.latency_ms, &a, false);
      }
      tally.bill(pool_a, a, true);  // abandoned: its prompt was billed
      tally.bill(pool_b, b, false);
      const std::optional<double> latency =
          b.latency_ms ? std::optional(second_start_ms(a, after_ms) + *b.latency_ms) : std::nullopt;
      return tally.answer(latency, &b, true);
    }
    case PolicyKind::hedge: {
      tally.bill(pool_a, a, false);
      if (a_in_time) return tally.answer(a.latency_ms, &a, false);
      tally.bill(pool_b, b, false);
      const std::optional<double> b_latency =
          b.latency_ms ? std::optional(second_start_ms(a, after_ms) + *b.latency_ms) : std::nullopt;
      const bool b_wins = b_latency && (!a.latency_ms || *b_latency < *a.latency_ms);
      return tally.answer(b_wins ? b_latency : a.latency_ms, b_wins ? &b : &a, true);
    }
  }
}

std::size_t pool_index(const std::vector<TargetPool>& pools, const std::string& target) {
  for (std::size_t p = 0; p < pools.size(); ++p) {
    if (pools[p].target == target) return p;
  }
  TTFT_CHECK(false, "a parsed policy names a target without a pool");
  return 0;
}

}  // namespace

Result<std::vector<Outcome>> replay(const std::vector<Policy>& policies, const std::vector<TargetPool>& pools,
                                    const ReplayOptions& options) {
  TTFT_CHECK(options.requests > 0, "a replay needs at least one request");
  for (const Policy& policy : policies) {
    for (const std::string& target : {policy.first, policy.second}) {
      if (target.empty() || !pools[pool_index(pools, target)].draws.empty()) continue;
      return fail(fmt::format("--policy \"{}\"", policy.text), fmt::format("target \"{}\" has no samples to draw from", target),
                  "check the results folders and --phase");
    }
  }
  const DrawTable table = draw_table(pools, options);
  std::vector<Outcome> outcomes;
  for (const Policy& policy : policies) {
    const std::size_t pool_a = pool_index(pools, policy.first);
    const std::size_t pool_b = policy.second.empty() ? pool_a : pool_index(pools, policy.second);
    Tally tally(policy, pools);
    for (std::size_t i = 0; i < table.prompts.size(); ++i) {
      const Draw& a = pools[pool_a].draws[table.draws[i * table.pools + pool_a]];
      const Draw& b = pools[pool_b].draws[table.draws[i * table.pools + pool_b]];
      replay_request(policy, a, b, table.prompts[i], pool_a, pool_b, tally);
    }
    outcomes.push_back(tally.finish(pool_a == pool_b ? std::vector{pool_a} : std::vector{pool_a, pool_b}));
  }
  return outcomes;
}

}  // namespace ttft::whatif
