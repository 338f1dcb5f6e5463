// The scheduler state machine: cold phases idle per target and in parallel, closed loops keep
// N in flight, phases never overlap, and every start finishes exactly once.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "schedule_fixtures.hpp"

using namespace ttft;
using ttft::test::kMinute;
using ttft::test::kSecond;

TEST_CASE("cold: targets idle in parallel, measured from the end of each target's request") {
  schedule::Scheduler scheduler(test::make_scenario({test::cold_phase(2, {30 * kMinute})}), 1);
  // The run's start counts as each target's last activity: the first requests wait the gap too.
  CHECK(scheduler.next_due_ns() == 30 * kMinute);
  CHECK_FALSE(scheduler.poll(30 * kMinute - 1));
  const auto a0 = scheduler.poll(30 * kMinute);
  const auto b0 = scheduler.poll(30 * kMinute);
  REQUIRE(a0);
  REQUIRE(b0);
  CHECK(a0->target_index == 0);
  CHECK(b0->target_index == 1);
  CHECK(a0->intended_start_ns == 30 * kMinute);
  CHECK(a0->idle_gap_ns == 30 * kMinute);
  CHECK_FALSE(scheduler.poll(30 * kMinute));
  CHECK_FALSE(scheduler.next_due_ns());  // both in flight: only a finish can make progress

  const Nanos t0 = 30 * kMinute;
  scheduler.on_finished(*b0, t0 + 3 * kSecond);
  scheduler.on_finished(*a0, t0 + 1 * kSecond + 1);  // finish order is whatever the network says
  CHECK(scheduler.next_due_ns() == t0 + 30 * kMinute + kSecond + 1);
  CHECK_FALSE(scheduler.poll(t0 + 30 * kMinute + kSecond));
  const auto a1 = scheduler.poll(t0 + 30 * kMinute + kSecond + 1);
  REQUIRE(a1);
  CHECK(a1->target_index == 0);
  CHECK(a1->intended_start_ns == t0 + 30 * kMinute + kSecond + 1);
  CHECK(a1->index_in_phase == 1);
  CHECK(scheduler.next_due_ns() == t0 + 30 * kMinute + 3 * kSecond);
  const auto b1 = scheduler.poll(t0 + 31 * kMinute);
  REQUIRE(b1);
  CHECK(b1->target_index == 1);
  CHECK(b1->intended_start_ns == t0 + 30 * kMinute + 3 * kSecond);
  scheduler.on_finished(*a1, t0 + 31 * kMinute);
  CHECK_FALSE(scheduler.done());
  scheduler.on_finished(*b1, t0 + 32 * kMinute);
  CHECK(scheduler.done());
}

TEST_CASE("cold: 12 requests at 30 min on two targets take about 6 h, not 12 h") {
  schedule::Scheduler scheduler(test::make_scenario({test::cold_phase(12, {30 * kMinute})}), 1);
  CHECK(scheduler.total_requests() == 24);
  CHECK(scheduler.estimated_duration_ns(kSecond) == 12 * (30 * kMinute + kSecond));
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kSecond; });
  REQUIRE(starts.size() == 24);
  CHECK(starts.back().finished_ns == 12 * (30 * kMinute + kSecond));
}

TEST_CASE("cold after warm: the first cold request waits idle since the target's last request") {
  auto scenario = test::make_scenario(
      {test::interval_phase(1, 10 * kSecond), test::cold_phase(1, {5 * kMinute})});
  schedule::Scheduler scheduler(scenario, 1);
  const auto a = scheduler.poll(0);
  const auto b = scheduler.poll(10 * kSecond);
  REQUIRE(a);
  REQUIRE(b);
  scheduler.on_finished(*a, 2 * kSecond);
  scheduler.on_finished(*b, 14 * kSecond);
  CHECK(scheduler.phase_index() == 1);
  CHECK(scheduler.next_due_ns() == 2 * kSecond + 5 * kMinute);
  const auto cold_a = scheduler.poll(2 * kSecond + 5 * kMinute);
  REQUIRE(cold_a);
  CHECK(cold_a->target_index == 0);
  CHECK(cold_a->phase_index == 1);
  CHECK(scheduler.next_due_ns() == 14 * kSecond + 5 * kMinute);
}

TEST_CASE("idle sweep: one request per target after each gap, in list order") {
  schedule::Scheduler scheduler(
      test::make_scenario({test::interval_phase(1, kSecond),
                           test::cold_phase(3, {kMinute, 5 * kMinute, 30 * kMinute})}),
      1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kSecond; });
  REQUIRE(starts.size() == 8);
  std::map<std::size_t, Nanos> previous_end;
  const Nanos gaps[] = {kMinute, 5 * kMinute, 30 * kMinute};
  for (const auto& s : starts) {
    const auto& r = s.request;
    if (r.phase_index == 1) {
      CHECK(r.idle_gap_ns == gaps[r.index_in_phase]);
      CHECK(s.started_ns - previous_end[r.target_index] == gaps[r.index_in_phase]);
    }
    previous_end[r.target_index] = s.finished_ns;
  }
}

TEST_CASE("concurrency keeps exactly N in flight per target") {
  schedule::Scheduler scheduler(test::make_scenario({test::concurrency_phase(3, 5, std::nullopt)}),
                                1);
  CHECK(scheduler.total_requests() == 10);
  std::vector<schedule::PlannedRequest> first;
  while (auto r = scheduler.poll(0)) first.push_back(*r);
  REQUIRE(first.size() == 6);
  std::string letters;
  for (const auto& r : first) {
    letters += static_cast<char>('A' + r.target_index);
    CHECK_FALSE(r.intended_start_ns);
  }
  CHECK(letters == "ABABAB");
  CHECK(scheduler.next_due_ns() == std::nullopt);
  scheduler.on_finished(first[2], kSecond);  // an A finishes: the next start is an A
  CHECK(scheduler.next_due_ns() == kSecond);
  const auto next = scheduler.poll(kSecond);
  REQUIRE(next);
  CHECK(next->target_index == 0);
  CHECK_FALSE(scheduler.poll(kSecond));

  // Over a whole run with uneven response times, never more than 3 per target at once.
  schedule::Scheduler full(test::make_scenario({test::concurrency_phase(3, 20, std::nullopt)}), 1);
  const auto starts = test::run_to_completion(
      full, [](const auto& r) { return (1 + r.seq % 7) * kSecond / (1 + r.target_index); });
  REQUIRE(starts.size() == 40);
  for (const auto& s : starts) {
    std::map<std::size_t, int> in_flight;
    for (const auto& other : starts) {
      if (other.started_ns <= s.started_ns && other.finished_ns > s.started_ns) {
        ++in_flight[other.request.target_index];
      }
    }
    CHECK(in_flight[s.request.target_index] <= 3);
  }
}

TEST_CASE("closed loop bounded by duration: no starts after the end, total is an estimate") {
  schedule::Scheduler scheduler(
      test::make_scenario({test::concurrency_phase(2, std::nullopt, 10 * kSecond)}), 1);
  CHECK(scheduler.total_is_estimate());
  CHECK(scheduler.total_requests(kSecond) == 40);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 3 * kSecond; });
  CHECK(starts.size() == 16);  // starts at 0, 3, 6 and 9 s; 2 slots x 2 targets each
  for (const auto& s : starts) CHECK(s.started_ns < 10 * kSecond);
  CHECK(scheduler.done());
}

TEST_CASE("phases never overlap: the next starts when the last request of this one ends") {
  schedule::Scheduler scheduler(
      test::make_scenario({test::interval_phase(2, kSecond), test::interval_phase(1, kSecond)}), 1);
  const auto starts = test::run_to_completion(scheduler, [](const auto& r) {
    return r.seq == 2 ? 60 * kSecond : kSecond;  // a slow straggler in phase 0
  });
  REQUIRE(starts.size() == 6);
  CHECK(starts[4].request.phase_index == 1);
  CHECK(starts[4].request.intended_start_ns == 62 * kSecond);  // straggler started at 2 s
  CHECK(starts[5].request.intended_start_ns == 63 * kSecond);
}

TEST_CASE("every planned request finishes exactly once and then the run is done") {
  scenario::Phase rate = test::interval_phase(7, 0, scenario::Order::blocks);
  rate.interval_ns.reset();
  rate.rate_per_s = 3;
  rate.arrival = scenario::Arrival::poisson;
  schedule::Scheduler scheduler(
      test::make_scenario(
          {test::cold_phase(2, {kMinute}), rate, test::concurrency_phase(2, 4, std::nullopt),
           test::interval_phase(3, kSecond, scenario::Order::sequential)},
          3, 4),
      2024);
  const std::int64_t total = scheduler.total_requests();
  CHECK(total == 3 * (2 + 7 + 4 + 3));
  CHECK_FALSE(scheduler.total_is_estimate());
  const Nanos estimate = scheduler.estimated_duration_ns(700 * kNanosPerMs);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 700 * kNanosPerMs; });
  CHECK(scheduler.done());
  CHECK(scheduler.in_flight() == 0);
  CHECK(static_cast<std::int64_t>(starts.size()) == total);
  CHECK(starts.back().finished_ns == estimate);
  std::set<std::int64_t> seqs;
  std::map<std::size_t, std::size_t> prompt_count;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    CHECK(starts[i].request.seq == static_cast<std::int64_t>(i));
    seqs.insert(starts[i].request.seq);
  }
  CHECK(seqs.size() == starts.size());
  CHECK_FALSE(scheduler.poll(starts.back().finished_ns + kMinute));
  CHECK_FALSE(scheduler.next_due_ns());
}

TEST_CASE("picks count each target's requests, so A and B get the same prompt sequence") {
  schedule::Scheduler scheduler(test::make_scenario({test::interval_phase(5, kSecond)}, 2, 3), 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kSecond; });
  std::map<std::size_t, std::vector<std::int64_t>> prompts;
  for (const auto& s : starts) prompts[s.request.target_index].push_back(s.request.pick);
  CHECK(prompts[0] == std::vector<std::int64_t>{0, 1, 2, 3, 4});
  CHECK(prompts[1] == prompts[0]);
}

TEST_CASE("the same seed gives the same schedule") {
  const auto scenario =
      test::make_scenario({test::interval_phase(20, kSecond, scenario::Order::blocks)}, 2);
  const auto letters = [&](std::uint64_t seed) {
    schedule::Scheduler scheduler(scenario, seed);
    return test::target_letters(test::run_to_completion(scheduler, [](auto&) { return kSecond; }));
  };
  CHECK(letters(3) == letters(3));
  CHECK(letters(3) != letters(4));
}
