// --shard I/N: parsing the flag and the Indexed Job variables, and the slicing itself. N shards
// together send every request of the schedule exactly once, numbered as the unsharded schedule
// numbers them, whatever their own response times; open-loop starts keep their planned times.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "schedule/shard.hpp"
#include "schedule_fixtures.hpp"

using namespace ttft;
using ttft::test::kMinute;
using ttft::test::kSecond;

namespace {

using ShardKey =
    std::tuple<std::size_t, std::size_t, std::int64_t, std::int64_t>;  // phase, target, index, seq

ShardKey shard_key_of(const schedule::PlannedRequest& r) {
  return {r.phase_index, r.target_index, r.index_in_phase, r.seq};
}

// Cold (timing decides the order), open loop with seeded blocks, and a request-bounded closed loop.
scenario::Scenario shardable_scenario() {
  return test::make_scenario({test::cold_phase(3, {kMinute}), test::interval_phase(7, kSecond, scenario::Order::blocks),
                              test::concurrency_phase(2, 4, std::nullopt)},
                             3);
}

Result<std::optional<schedule::Shard>> from_flag(const std::string& text) {
  return schedule::resolve_shard(text, std::nullopt, std::nullopt);
}

}  // namespace

TEST_CASE("shard: I/N from the flag, else from JOB_COMPLETION_INDEX/COUNT, else none") {
  const auto two_of_four = from_flag("2/4");
  REQUIRE(two_of_four);
  REQUIRE(*two_of_four);
  CHECK((*two_of_four)->index == 2);
  CHECK((*two_of_four)->count == 4);
  CHECK(schedule::shard_label(**two_of_four) == "2/4");
  CHECK(schedule::shard_suffix(**two_of_four) == "-shard-2-of-4");

  const auto job = schedule::resolve_shard("", std::string("0"), std::string("3"));
  REQUIRE(job);
  REQUIRE(*job);
  CHECK((*job)->index == 1);  // 0-based index → 1-based shard
  CHECK((*job)->count == 3);

  const auto flag_wins = schedule::resolve_shard("3/3", std::string("0"), std::string("5"));
  REQUIRE(flag_wins);
  CHECK((*flag_wins)->index == 3);

  const auto none = schedule::resolve_shard("", std::nullopt, std::nullopt);
  REQUIRE(none);
  CHECK_FALSE(*none);
}

TEST_CASE("shard: bad values name the flag or the variable") {
  for (const char* bad : {"0/4", "5/4", "1/0", "abc", "1/", "/4", "-1/4", "+1/4", "1/4x", "1 /4", "1.5/4"}) {
    INFO(bad);
    const auto shard = from_flag(bad);
    REQUIRE_FALSE(shard);
    CHECK(shard.error().where == "--shard");
    CHECK(shard.error().message.find(std::string("\"") + bad + "\"") != std::string::npos);
  }
  CHECK(from_flag("5/4").error().message == "shard 5 is not one of 1 to 4 in \"5/4\"");

  const auto only_index = schedule::resolve_shard("", std::string("1"), std::nullopt);
  REQUIRE_FALSE(only_index);
  CHECK(only_index.error().where == "JOB_COMPLETION_COUNT");
  CHECK(only_index.error().message == "not set, while JOB_COMPLETION_INDEX is");
  const auto only_count = schedule::resolve_shard("", std::nullopt, std::string("4"));
  REQUIRE_FALSE(only_count);
  CHECK(only_count.error().where == "JOB_COMPLETION_INDEX");

  const auto past_end = schedule::resolve_shard("", std::string("4"), std::string("4"));
  REQUIRE_FALSE(past_end);
  CHECK(past_end.error().where == "JOB_COMPLETION_INDEX");
  CHECK(past_end.error().message.find("from 0 to 3") != std::string::npos);
  CHECK(schedule::resolve_shard("", std::string("0"), std::string("0")).error().where == "JOB_COMPLETION_COUNT");
  CHECK(schedule::resolve_shard("", std::string("x"), std::string("2")).error().where == "JOB_COMPLETION_INDEX");
}

TEST_CASE("shard: a closed loop bounded by a duration cannot be split") {
  auto scenario = test::make_scenario({test::cold_phase(1, {kMinute}), test::concurrency_phase(2, std::nullopt, kMinute)});
  scenario.path = "s.json";
  const auto refused = schedule::check_shardable(scenario);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().where == "s.json: /phases/1");
  CHECK(refused.error().message.find("phase \"load\" is a closed loop bounded by a duration") == 0);
  CHECK(schedule::check_shardable(shardable_scenario()));
}

TEST_CASE("shard: N shards send every request exactly once, numbered as the unsharded schedule") {
  const auto scenario = shardable_scenario();
  const auto keys = [&](schedule::Shard shard, const std::function<Nanos(const schedule::PlannedRequest&)>& response) {
    schedule::Scheduler scheduler(scenario, 9, shard);
    std::multiset<ShardKey> out;
    for (const auto& s : test::run_to_completion(scheduler, response))
      out.insert(shard_key_of(s.request));
    CHECK(static_cast<std::int64_t>(out.size()) == scheduler.total_requests());
    return out;
  };
  // One shard of one is the plan: the same whatever the responses, seqs 0..M-1, and the same
  // requests (phase, target, index) as an unsharded run.
  const std::multiset<ShardKey> plan = keys({1, 1}, test::uneven_response);
  CHECK(plan == keys({1, 1}, [](auto&) { return kSecond; }));
  schedule::Scheduler whole(scenario, 9);
  std::set<std::tuple<std::size_t, std::size_t, std::int64_t>> unsharded, planned;
  std::set<std::int64_t> seqs;
  for (const auto& s : test::run_to_completion(whole, test::uneven_response)) {
    unsharded.insert({s.request.phase_index, s.request.target_index, s.request.index_in_phase});
  }
  for (const auto& [phase, target, index, seq] : plan) {
    planned.insert({phase, target, index});
    seqs.insert(seq);
  }
  CHECK(plan.size() == 3 * (3 + 7 + 4));
  CHECK(planned == unsharded);
  CHECK(seqs.size() == plan.size());
  CHECK(*seqs.rbegin() == static_cast<std::int64_t>(plan.size()) - 1);

  for (const std::int64_t count : {2, 4, 5}) {
    INFO("N = " << count);
    std::multiset<ShardKey> together;
    for (std::int64_t index = 1; index <= count; ++index) {
      const auto mine = keys({index, count}, test::uneven_response);
      for (const auto& key : mine) CHECK(std::get<3>(key) % count == index - 1);
      together.insert(mine.begin(), mine.end());
    }
    CHECK(together == plan);  // a multiset: a duplicate or a gap would show
  }
}

TEST_CASE("shard: open-loop starts keep the unsharded schedule's times") {
  const auto scenario = test::make_scenario({test::interval_phase(6, 2 * kSecond, scenario::Order::blocks)});
  schedule::Scheduler whole(scenario, 4);
  std::map<std::int64_t, Nanos> intended;  // seq → planned start
  for (const auto& s : test::run_to_completion(whole, test::uneven_response))
    intended[s.request.seq] = *s.request.intended_start_ns;
  for (const std::int64_t index : {1, 2, 3}) {
    schedule::Scheduler shard(scenario, 4, schedule::Shard{index, 3});
    const auto starts = test::run_to_completion(shard, [](auto&) { return 5 * kSecond; });
    REQUIRE(starts.size() == 4);
    for (const auto& s : starts) {
      CHECK(s.request.intended_start_ns == intended.at(s.request.seq));
      CHECK(s.started_ns == intended.at(s.request.seq));
    }
  }
}

TEST_CASE("shard: a cold request still waits its idle gap after its target's previous request") {
  // Two targets, N = 2: shard 1 gets seq 0, 2, 4 (edge's), shard 2 seq 1, 3, 5 (central's).
  const auto scenario = test::make_scenario({test::cold_phase(3, {30 * kMinute})});
  schedule::Scheduler shard(scenario, 1, schedule::Shard{1, 2});
  const auto starts = test::run_to_completion(shard, [](auto&) { return kSecond; });
  REQUIRE(starts.size() == 3);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    CHECK(starts[i].request.target_index == 0);
    CHECK(starts[i].request.seq == static_cast<std::int64_t>(2 * i));
    if (i > 0) CHECK(starts[i].started_ns - starts[i - 1].finished_ns == 30 * kMinute);
  }
}

TEST_CASE("planned requests per phase and target: the shard's own, summing to the total") {
  const scenario::Scenario scenario = shardable_scenario();
  const schedule::Scheduler whole(scenario, 11);
  for (std::size_t target = 0; target < 3; ++target) {
    CHECK(whole.planned_requests(0, target) == 3);
    CHECK(whole.planned_requests(1, target) == 7);
    CHECK(whole.planned_requests(2, target) == 4);
  }
  CHECK_FALSE(whole.planned_requests(3, 0).has_value());
  std::int64_t shards_sum = 0;
  for (std::int64_t index = 1; index <= 2; ++index) {
    const schedule::Scheduler shard(scenario, 11, schedule::Shard{index, 2});
    std::int64_t sum = 0;
    for (std::size_t phase = 0; phase < 3; ++phase) {
      for (std::size_t target = 0; target < 3; ++target) sum += *shard.planned_requests(phase, target);
    }
    CHECK(sum == shard.total_requests());
    CHECK(sum < whole.total_requests());
    shards_sum += sum;
  }
  CHECK(shards_sum == whole.total_requests());
  // A closed loop bounded by time cannot be planned.
  const schedule::Scheduler unplanned(test::make_scenario({test::concurrency_phase(2, std::nullopt, kMinute)}), 11);
  CHECK_FALSE(unplanned.planned_requests(0, 0).has_value());
}
