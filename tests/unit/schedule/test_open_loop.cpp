// Open-loop phases (interval, rate): exact intended starts, no coordinated omission, poisson
// arrivals, duration bounds and time_scale.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/duration.hpp"
#include "schedule_fixtures.hpp"

using namespace ttft;
using ttft::test::kMinute;
using ttft::test::kSecond;

TEST_CASE("interval phases start at phase_start + k * interval across targets") {
  const auto scenario = test::make_scenario({test::interval_phase(3, 60 * kSecond)});
  schedule::Scheduler scheduler(scenario, 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 2 * kSecond; });
  REQUIRE(starts.size() == 6);
  CHECK(test::target_letters(starts) == "ABABAB");
  for (std::size_t k = 0; k < starts.size(); ++k) {
    CHECK(starts[k].request.seq == static_cast<std::int64_t>(k));
    CHECK(starts[k].request.intended_start_ns == static_cast<Nanos>(k) * kMinute);
    CHECK(starts[k].request.index_in_phase == static_cast<std::int64_t>(k / 2));
    CHECK_FALSE(starts[k].request.idle_gap_ns);
  }
}

TEST_CASE("open loop: a request that never finishes does not delay the next start") {
  const auto scenario = test::make_scenario({test::interval_phase(2, 10 * kSecond)});
  schedule::Scheduler scheduler(scenario, 1);
  const auto first = scheduler.poll(0);
  REQUIRE(first);
  CHECK_FALSE(scheduler.poll(9 * kSecond));
  CHECK(scheduler.next_due_ns() == 10 * kSecond);
  const auto second = scheduler.poll(10 * kSecond);
  REQUIRE(second);
  CHECK(second->intended_start_ns == 10 * kSecond);
  // A late poll still reports the intended time, so the lag is visible (send_lag_ms).
  const auto third = scheduler.poll(35 * kSecond);
  REQUIRE(third);
  CHECK(third->intended_start_ns == 20 * kSecond);
  CHECK(scheduler.poll(35 * kSecond)->intended_start_ns == 30 * kSecond);
  CHECK_FALSE(scheduler.poll(99 * kSecond));
  CHECK_FALSE(scheduler.done());  // still waiting for the four to finish
  CHECK(scheduler.in_flight() == 4);
}

TEST_CASE("constant rate: start k is due at k / rate") {
  scenario::Phase phase = test::interval_phase(4, 0);
  phase.interval_ns.reset();
  phase.rate_per_s = 4.0;
  schedule::Scheduler scheduler(test::make_scenario({phase}), 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kSecond; });
  REQUIRE(starts.size() == 8);
  for (std::size_t k = 0; k < starts.size(); ++k) {
    CHECK(starts[k].request.intended_start_ns == static_cast<Nanos>(k) * 250 * kNanosPerMs);
  }
}

TEST_CASE("poisson arrivals are deterministic per seed with the right mean gap") {
  scenario::Phase phase = test::interval_phase(5000, 0);
  phase.interval_ns.reset();
  phase.rate_per_s = 10.0;
  phase.arrival = scenario::Arrival::poisson;
  const auto scenario = test::make_scenario({phase});
  const auto intended = [&](std::uint64_t seed) {
    schedule::Scheduler scheduler(scenario, seed);
    std::vector<Nanos> out;
    for (const auto& s : test::run_to_completion(scheduler, [](auto&) { return kSecond; })) {
      out.push_back(*s.request.intended_start_ns);
    }
    return out;
  };
  const std::vector<Nanos> a = intended(99);
  REQUIRE(a.size() == 10000);
  CHECK(a == intended(99));
  CHECK(a != intended(100));
  CHECK(a.front() == 0);
  const double mean_gap_ms = to_ms(a.back()) / static_cast<double>(a.size() - 1);
  CHECK(mean_gap_ms == Approx(100.0).epsilon(0.03));  // 3 standard errors is ~3%
  CHECK(std::is_sorted(a.begin(), a.end()));
}

TEST_CASE("a duration bound stops new starts at phase_start + duration") {
  scenario::Phase phase = test::interval_phase(0, 10 * kSecond);
  phase.requests.reset();
  phase.duration_ns = 35 * kSecond;
  schedule::Scheduler scheduler(test::make_scenario({phase}), 1);
  CHECK(scheduler.total_requests() == 4);
  CHECK_FALSE(scheduler.total_is_estimate());
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 50 * kSecond; });
  REQUIRE(starts.size() == 4);
  CHECK(starts.back().request.intended_start_ns == 30 * kSecond);
}

TEST_CASE("requests and duration together: whichever comes first") {
  scenario::Phase phase = test::interval_phase(10, 10 * kSecond);
  phase.duration_ns = 35 * kSecond;
  schedule::Scheduler bounded_by_time(test::make_scenario({phase}), 1);
  CHECK(bounded_by_time.total_requests() == 4);
  phase.requests = 1;
  schedule::Scheduler bounded_by_count(test::make_scenario({phase}), 1);
  CHECK(bounded_by_count.total_requests() == 2);
  CHECK(test::run_to_completion(bounded_by_count, [](auto&) { return kSecond; }).size() == 2);
}

TEST_CASE("poisson totals under a duration bound are exact, not estimated") {
  scenario::Phase phase = test::interval_phase(0, 0);
  phase.requests.reset();
  phase.interval_ns.reset();
  phase.rate_per_s = 20.0;
  phase.arrival = scenario::Arrival::poisson;
  phase.duration_ns = 30 * kSecond;
  schedule::Scheduler scheduler(test::make_scenario({phase}), 5);
  const std::int64_t total = scheduler.total_requests();
  CHECK_FALSE(scheduler.total_is_estimate());
  CHECK(test::run_to_completion(scheduler, [](auto&) { return kSecond; }).size() ==
        static_cast<std::size_t>(total));
  CHECK(total == Approx(600).epsilon(0.15));
}

TEST_CASE("time_scale multiplies intervals and durations") {
  scenario::Phase phase = test::interval_phase(3, 60 * kSecond);
  auto scenario = test::make_scenario({phase});
  scenario.time_scale = 0.01;
  schedule::Scheduler scheduler(scenario, 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kNanosPerMs; });
  REQUIRE(starts.size() == 6);
  CHECK(starts[5].request.intended_start_ns == 5 * 600 * kNanosPerMs);
}
