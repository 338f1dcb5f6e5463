// Replays of hand-made pools whose answers are known by hand (docs/metrics.md ("What-if policies")).
// Prices: edge $1 in / $2 out per Mtok, central $3 in / $4 out; every draw has 100 input and
// 50 output tokens, so an edge answer costs $0.0002, an abandoned edge prompt $0.0001 and a
// central answer $0.0005.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "whatif/notes.hpp"
#include "whatif/replay.hpp"

using namespace ttft::whatif;

namespace {

ttft::cost::Pricing tokens(ttft::cost::Uusd input_uusd_per_mtok, ttft::cost::Uusd output_uusd_per_mtok) {
  ttft::cost::Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{input_uusd_per_mtok, output_uusd_per_mtok};
  return pricing;
}

Draw answered(double ms, std::int64_t input_tokens = 100) { return {ms, std::nullopt, input_tokens, 50, std::nullopt, std::nullopt}; }
Draw failed_at(double ms) { return {std::nullopt, ms, 100, 0, std::nullopt, std::nullopt}; }

std::vector<TargetPool> pools(std::vector<Draw> edge, std::vector<Draw> central) {
  return {{"edge", tokens(1'000'000, 2'000'000), std::move(edge), 0},
          {"central", tokens(3'000'000, 4'000'000), std::move(central), 0}};
}

Policy policy(const std::string& text) {
  auto parsed = parse_policy(text, {"edge", "central"});
  REQUIRE(parsed.has_value());
  return *parsed;
}

Outcome replay_one(const Policy& p, const std::vector<TargetPool>& pool, std::int64_t requests = 2000) {
  auto outcomes = replay({p}, pool, {requests, 7});
  REQUIRE(outcomes.has_value());
  REQUIRE(outcomes->size() == 1);
  return outcomes->front();
}

}  // namespace

TEST_CASE("fallback: a slow edge is abandoned at the timeout and central's latency added") {
  // Every edge draw takes 1000 ms: each request waits the 300 ms timeout, then central's 200 ms.
  const Outcome o = replay_one(policy("edge-first timeout=300ms fallback=central"), pools({answered(1000)}, {answered(200)}));
  CHECK(o.errors == 0);
  CHECK(o.second_used == o.requests);
  CHECK(*o.p50_ms == Approx(500));
  CHECK(*o.p95_ms == Approx(500));
  // $0.0001 for edge's prompt + $0.0005 for central = $0.6 per 1,000; 150 tokens served.
  CHECK(*o.usd_per_1k_requests == Approx(0.6));
  CHECK(*o.usd_per_mtok == Approx(0.0006 / 150 * 1e6));
}

TEST_CASE("fallback's p95 and cost over a mix of fast and slow edge answers") {
  // Half the edge draws answer in 100 ms, half in 1000 ms (→ 300 + 200 = 500 ms): p95 = 500.
  const Outcome o =
      replay_one(policy("edge-first timeout=300ms fallback=central"), pools({answered(100), answered(1000)}, {answered(200)}));
  CHECK(*o.p95_ms == Approx(500));
  CHECK(*o.p99_ms == Approx(500));
  const double slow = static_cast<double>(o.second_used) / static_cast<double>(o.requests);
  CHECK(slow > 0.4);  // 2,000 fair coin flips: 0.5 ± 0.011
  CHECK(slow < 0.6);
  // Fast: $0.0002; slow: $0.0001 + $0.0005. Per 1,000 requests: 1000 × (0.0002 + 0.0004 × slow).
  CHECK(*o.usd_per_1k_requests == Approx(1000 * (0.0002 + 0.0004 * slow)));
}

TEST_CASE("fallback goes to central as soon as edge fails, and a failed edge is not billed") {
  const Outcome o = replay_one(policy("edge-first timeout=300ms fallback=central"), pools({failed_at(50)}, {answered(200)}));
  CHECK(*o.p50_ms == Approx(250));
  CHECK(*o.usd_per_1k_requests == Approx(0.5));
}

TEST_CASE("hedge: both targets are billed whenever the hedge fires") {
  SECTION("the edge is slow: central answers first at 300 + 200 ms") {
    const Outcome o = replay_one(policy("hedge after=300ms"), pools({answered(1000)}, {answered(200)}));
    CHECK(*o.p95_ms == Approx(500));
    CHECK(*o.usd_per_1k_requests == Approx(0.7));  // $0.0002 + $0.0005
    CHECK(o.second_used == o.requests);
  }
  SECTION("the edge answers after the delay but before central: edge's latency, both billed") {
    const Outcome o = replay_one(policy("hedge after=300ms"), pools({answered(400)}, {answered(200)}));
    CHECK(*o.p50_ms == Approx(400));
    CHECK(*o.usd_per_1k_requests == Approx(0.7));
  }
  SECTION("the edge answers in time: the hedge never fires") {
    const Outcome o = replay_one(policy("hedge after=300ms"), pools({answered(100)}, {answered(200)}));
    CHECK(*o.p50_ms == Approx(100));
    CHECK(o.second_used == 0);
    CHECK(*o.usd_per_1k_requests == Approx(0.2));
  }
}

TEST_CASE("split by prompt size, and the note when every prompt falls on one side") {
  const auto mixed = pools({answered(100, 100)}, {answered(300, 1000)});
  const Outcome o = replay_one(policy("split input_tokens<500 edge else central"), mixed);
  const double to_central = static_cast<double>(o.second_used) / static_cast<double>(o.requests);
  CHECK(to_central > 0.4);  // the measured prompts are half 100, half 1000 tokens
  CHECK(to_central < 0.6);
  CHECK(*o.p50_ms >= 100);
  CHECK(*o.p99_ms == Approx(300));
  const auto same = pools({answered(100)}, {answered(300)});
  const Outcome all_edge = replay_one(policy("split input_tokens<500 edge else central"), same);
  CHECK(all_edge.second_used == 0);
  const auto notes = replay_notes({policy("split input_tokens<500 edge else central")}, same);
  CHECK(notes.back().find("sends all requests to edge") != std::string::npos);
}

TEST_CASE("requests no path answers are errors, never latencies") {
  const Outcome o = replay_one(policy("edge-first timeout=300ms fallback=central"), pools({failed_at(10)}, {failed_at(20)}));
  CHECK(o.errors == o.requests);
  CHECK_FALSE(o.p50_ms.has_value());
  CHECK(*o.usd_per_1k_requests == Approx(0));  // failed requests are not billed
  CHECK_FALSE(o.usd_per_mtok.has_value());     // no tokens served
}

TEST_CASE("a policy naming a target without samples is an error, unpriced means no cost") {
  const auto no_central = pools({answered(100)}, {});
  const auto result = replay({policy("hedge after=1s")}, no_central, {100, 1});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("\"central\" has no samples") != std::string::npos);
  auto unpriced = pools({answered(100)}, {answered(200)});
  unpriced[1].pricing.reset();
  const Outcome o = replay_one(policy("hedge after=50ms"), unpriced);
  CHECK_FALSE(o.usd_per_1k_requests.has_value());
  CHECK(*o.p50_ms == Approx(100));
}

TEST_CASE("the same seed replays the same draws for every policy") {
  const auto mixed = pools({answered(100), answered(1000), answered(150)}, {answered(200), answered(260)});
  const auto a = replay({single_target("edge"), policy("hedge after=300ms")}, mixed, {500, 3});
  const auto b = replay({single_target("edge"), policy("hedge after=300ms")}, mixed, {500, 3});
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(*a->at(1).p95_ms == *b->at(1).p95_ms);
  CHECK(*a->at(1).usd_per_1k_requests == *b->at(1).usd_per_1k_requests);
  // Common draws: the hedge is never slower than its first target alone.
  CHECK(*a->at(1).p95_ms <= *a->at(0).p95_ms);
}
