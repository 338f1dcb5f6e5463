// run --resume in the schedule: every run is numbered by its plan, so a resumed scheduler given
// the (phase, seq, target) of the rows already written returns exactly the other requests, each
// once, with the prompts and idle gaps the plan gives them; done requests take no time.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/random.hpp"
#include "schedule_fixtures.hpp"

using namespace ttft;
using ttft::test::kMinute;
using ttft::test::kSecond;

namespace {

using PlanKey = std::tuple<std::size_t, std::int64_t, std::size_t>;  // phase, seq, target

PlanKey plan_key_of(const schedule::PlannedRequest& r) {
  return {r.phase_index, r.seq, r.target_index};
}

schedule::RequestKey request_key(const PlanKey& key) {
  return {std::get<0>(key), std::get<1>(key), std::get<2>(key)};
}

std::vector<schedule::RequestKey> request_keys(const std::set<PlanKey>& keys) {
  std::vector<schedule::RequestKey> out;
  for (const PlanKey& key : keys) out.push_back(request_key(key));
  return out;
}

scenario::Scenario resumable_scenario() {
  return test::make_scenario({test::cold_phase(3, {kMinute, 2 * kMinute}),
                              test::interval_phase(7, kSecond, scenario::Order::blocks),
                              test::concurrency_phase(2, 4, std::nullopt)},
                             3, 4);
}

std::map<PlanKey, schedule::PlannedRequest> run_all(schedule::Scheduler& scheduler) {
  std::map<PlanKey, schedule::PlannedRequest> out;
  for (const auto& s : test::run_to_completion(scheduler, test::uneven_response)) {
    INFO("seq " << s.request.seq);
    CHECK(out.emplace(plan_key_of(s.request), s.request).second);  // never the same request twice
  }
  return out;
}

}  // namespace

TEST_CASE("resume: a run is numbered by its plan, whatever its response times") {
  const auto scenario = resumable_scenario();
  schedule::Scheduler uneven(scenario, 5);
  schedule::Scheduler even(scenario, 5);
  std::set<PlanKey> uneven_keys, even_keys;
  for (const auto& s : test::run_to_completion(uneven, test::uneven_response))
    uneven_keys.insert(plan_key_of(s.request));
  for (const auto& s : test::run_to_completion(even, [](auto&) { return kSecond; })) {
    even_keys.insert(plan_key_of(s.request));
  }
  CHECK(uneven_keys == even_keys);
  CHECK(uneven_keys.size() == 3 * (3 + 7 + 4));
  std::set<std::int64_t> seqs;
  for (const PlanKey& key : uneven_keys) seqs.insert(std::get<1>(key));
  CHECK(seqs.size() == uneven_keys.size());
  CHECK(*seqs.rbegin() == static_cast<std::int64_t>(seqs.size()) - 1);  // 0..N-1, each once
  for (const PlanKey& key : uneven_keys) CHECK(even.plans(request_key(key)));
  CHECK_FALSE(even.plans({0, static_cast<std::int64_t>(uneven_keys.size()), 0}));  // no such seq
  const PlanKey first = *uneven_keys.begin();
  CHECK_FALSE(even.plans({std::get<0>(first), std::get<1>(first), (std::get<2>(first) + 1) % 3}));  // other target
  CHECK_FALSE(even.plans({1, std::get<1>(first), std::get<2>(first)}));                             // other phase
}

TEST_CASE("resume: the scheduler returns exactly the requests not done, each once, as planned") {
  const auto scenario = resumable_scenario();
  schedule::Scheduler whole(scenario, 5);
  const std::map<PlanKey, schedule::PlannedRequest> plan = run_all(whole);
  REQUIRE(plan.size() == 3 * (3 + 7 + 4));
  Rng rng(17);
  for (int round = 0; round < 20; ++round) {
    // Seeded random subsets, as a kill leaves them (a prefix with holes) or anywhere at all.
    std::set<PlanKey> done;
    const auto cut = static_cast<std::int64_t>(rng.below(plan.size() + 1));
    for (const auto& [key, request] : plan) {
      const bool before_cut = std::get<1>(key) < cut;
      if (round % 2 == 0 ? before_cut && rng.below(5) != 0 : rng.below(2) == 0) done.insert(key);
    }
    INFO("round " << round << ", " << done.size() << " done");
    schedule::Scheduler resumed(scenario, 5, std::nullopt, request_keys(done));
    CHECK(resumed.total_requests() == static_cast<std::int64_t>(plan.size() - done.size()));
    std::map<std::pair<std::size_t, std::size_t>, std::int64_t> planned_left;  // by (phase, target)
    for (std::size_t phase = 0; phase < 3; ++phase) {
      for (std::size_t target = 0; target < 3; ++target) planned_left[{phase, target}] = *resumed.planned_requests(phase, target);
    }
    const auto rest = run_all(resumed);
    CHECK(rest.size() == plan.size() - done.size());
    for (const auto& [key, request] : rest) --planned_left[{request.phase_index, request.target_index}];
    for (const auto& [group, left] : planned_left) CHECK(left == 0);
    for (const auto& [key, request] : rest) {
      CHECK(done.count(key) == 0);
      REQUIRE(plan.count(key) == 1);
      const schedule::PlannedRequest& planned = plan.at(key);
      CHECK(request.index_in_phase == planned.index_in_phase);
      CHECK(request.pick == planned.pick);
      CHECK(request.idle_gap_ns == planned.idle_gap_ns);  // an idle sweep keeps its gap order
    }
  }
}

TEST_CASE("resume: everything done means nothing to send") {
  const auto scenario = resumable_scenario();
  schedule::Scheduler whole(scenario, 5);
  std::set<PlanKey> all;
  for (const auto& [key, request] : run_all(whole)) all.insert(key);
  schedule::Scheduler resumed(scenario, 5, std::nullopt, request_keys(all));
  CHECK(resumed.done());
  CHECK(resumed.total_requests() == 0);
  CHECK_FALSE(resumed.poll(0));
}

TEST_CASE("resume: an open-loop phase restarts its clock at the first request left") {
  const auto scenario = test::make_scenario({test::interval_phase(4, 2 * kSecond)});  // 8 starts, 2 s apart
  schedule::Scheduler whole(scenario, 1);
  std::map<std::int64_t, Nanos> planned;  // seq → intended start
  for (const auto& s : test::run_to_completion(whole, test::uneven_response)) {
    planned[s.request.seq] = *s.request.intended_start_ns;
  }
  REQUIRE(planned.size() == 8);
  REQUIRE(planned.at(3) == 6 * kSecond);
  // 0-2 done, 3 in flight when the process died, 4 ended: 3 starts at once, 5-7 keep their spacing.
  std::set<PlanKey> done;
  for (const std::int64_t seq : {0, 1, 2, 4}) done.insert({0, seq, static_cast<std::size_t>(seq % 2)});
  schedule::Scheduler resumed(scenario, 1, std::nullopt, request_keys(done));
  const auto starts = test::run_to_completion(resumed, [](auto&) { return 100 * kNanosPerMs; });
  REQUIRE(starts.size() == 4);
  for (const auto& s : starts) {
    INFO("seq " << s.request.seq);
    CHECK(*s.request.intended_start_ns == planned.at(s.request.seq) - planned.at(3));
    CHECK(s.started_ns == *s.request.intended_start_ns);
  }
  CHECK(starts.front().request.seq == 3);
}

TEST_CASE("resume: a cold request waits its full idle gap from the resume's start") {
  // An idle sweep of 1, 2 and 3 min; each target's first request is done.
  const auto scenario = test::make_scenario({test::cold_phase(3, {kMinute, 2 * kMinute, 3 * kMinute})});
  schedule::Scheduler whole(scenario, 3);
  std::set<PlanKey> done;
  for (const auto& s : test::run_to_completion(whole, test::uneven_response)) {
    if (s.request.index_in_phase == 0) done.insert(plan_key_of(s.request));
  }
  REQUIRE(done.size() == 2);
  schedule::Scheduler resumed(scenario, 3, std::nullopt, request_keys(done));
  const auto starts = test::run_to_completion(resumed, [](auto&) { return kSecond; });
  REQUIRE(starts.size() == 4);
  for (std::size_t target = 0; target < 2; ++target) {
    std::vector<test::Started> mine;
    for (const auto& s : starts) {
      if (s.request.target_index == target) mine.push_back(s);
    }
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].request.index_in_phase == 1);
    CHECK(mine[0].started_ns == 2 * kMinute);  // the second gap, from the resume's start
    CHECK(mine[1].started_ns == mine[0].finished_ns + 3 * kMinute);
  }
}

TEST_CASE("resume: a shard resumes its own requests only") {
  const auto scenario = resumable_scenario();
  const schedule::Shard shard{2, 3};
  schedule::Scheduler first(scenario, 5, shard);
  const auto mine = run_all(first);
  std::set<PlanKey> done;
  for (const auto& [key, request] : mine) {
    if (std::get<1>(key) < 20) done.insert(key);
  }
  REQUIRE_FALSE(done.empty());
  schedule::Scheduler resumed(scenario, 5, shard, request_keys(done));
  std::set<PlanKey> together = done;
  for (const auto& [key, request] : run_all(resumed)) CHECK(together.insert(key).second);
  std::set<PlanKey> expected;
  for (const auto& [key, request] : mine) expected.insert(key);
  CHECK(together == expected);
}

TEST_CASE("resume: a closed loop bounded by a duration cannot be planned") {
  const auto scenario =
      test::make_scenario({test::cold_phase(1, {kMinute}), test::concurrency_phase(2, std::nullopt, kMinute)});
  CHECK(schedule::unplannable_phase(scenario) == std::optional<std::size_t>(1));
  CHECK_FALSE(schedule::unplannable_phase(resumable_scenario()));
  schedule::Scheduler live(scenario, 1);
  CHECK_FALSE(live.plans({0, 0, 0}));
}
