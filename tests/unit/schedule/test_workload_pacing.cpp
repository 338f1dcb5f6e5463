// Trace replay and conversation pacing (docs/scenario.md ("Trace replay"), ("Conversations")):
// driven with made-up times, as the other schedule tests are.
#include <catch2/catch.hpp>

#include <map>

#include "schedule_fixtures.hpp"

using namespace ttft;
using test::kSecond;

namespace {

constexpr Nanos kMs = kSecond / 1000;

scenario::Phase replay_phase(std::vector<Nanos> offsets_ns, double speedup) {
  scenario::Phase phase;
  phase.name = "replay";
  phase.trace_path = "trace.jsonl";
  phase.speedup = speedup;
  for (const Nanos offset : offsets_ns) phase.trace.push_back({offset, 100, 10});
  phase.requests = static_cast<std::int64_t>(offsets_ns.size());
  return phase;
}

}  // namespace

TEST_CASE("a replay sends every line to every target at its offset divided by speedup") {
  auto s = test::make_scenario({replay_phase({0, 1000 * kMs, 1000 * kMs, 4000 * kMs}, 2)});
  schedule::Scheduler scheduler(s, 1);
  // Responses far longer than the gaps: open loop, so no start waits for one.
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 3 * kSecond; });
  REQUIRE(starts.size() == 8);
  std::map<std::size_t, std::vector<Nanos>> due;  // per target, in its order
  for (const auto& start : starts) {
    CHECK(start.request.intended_start_ns == start.started_ns);
    CHECK(start.request.index_in_phase == static_cast<std::int64_t>(due[start.request.target_index].size()));
    due[start.request.target_index].push_back(*start.request.intended_start_ns);
  }
  const std::vector<Nanos> expected = {0, 500 * kMs, 500 * kMs, 2000 * kMs};
  CHECK(due[0] == expected);
  CHECK(due[1] == expected);
  CHECK(test::target_letters(starts) == "ABABABAB");
}

TEST_CASE("a replay's offsets follow time_scale too") {
  auto s = test::make_scenario({replay_phase({0, 1000 * kMs}, 1)});
  s.time_scale = 0.5;
  schedule::Scheduler scheduler(s, 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return kMs; });
  REQUIRE(starts.size() == 4);
  CHECK(*starts.back().request.intended_start_ns == 500 * kMs);
}

TEST_CASE("conversation turns run in order, each after the previous turn's end and the think time") {
  auto s = test::make_scenario({test::concurrency_phase(2, 6, std::nullopt)});  // 2 conversations of 3 turns
  s.conversation = scenario::ConversationSpec{3, 50 * kMs};
  schedule::Scheduler scheduler(s, 1);
  const auto starts = test::run_to_completion(scheduler, test::uneven_response);
  REQUIRE(starts.size() == 12);
  // Per target and conversation: turns 1, 2, 3, each starting at least think_time after the
  // previous one ended; never two turns of one conversation in flight.
  std::map<std::pair<std::size_t, std::int64_t>, std::vector<const test::Started*>> by_conversation;
  std::map<std::size_t, std::int64_t> most_in_flight;
  for (const auto& start : starts) {
    REQUIRE(start.request.conversation);
    REQUIRE(start.request.turn);
    by_conversation[{start.request.target_index, *start.request.conversation}].push_back(&start);
    std::int64_t in_flight = 0;
    for (const auto& other : starts) {
      const bool same_target = other.request.target_index == start.request.target_index;
      in_flight += same_target && other.started_ns <= start.started_ns && other.finished_ns > start.started_ns;
    }
    most_in_flight[start.request.target_index] = std::max(most_in_flight[start.request.target_index], in_flight);
  }
  REQUIRE(by_conversation.size() == 4);
  for (const auto& [key, turns] : by_conversation) {
    REQUIRE(turns.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) CHECK(*turns[k]->request.turn == static_cast<std::int64_t>(k) + 1);
    for (std::size_t k = 1; k < 3; ++k) CHECK(turns[k]->started_ns >= turns[k - 1]->finished_ns + 50 * kMs);
  }
  CHECK(most_in_flight[0] == 2);  // both conversations of a target run at once
  CHECK(most_in_flight[1] == 2);
}

TEST_CASE("a conversation phase starts a new conversation when one has had its last turn") {
  auto s = test::make_scenario({test::concurrency_phase(1, 4, std::nullopt)});  // 2 conversations of 2, one at a time
  s.conversation = scenario::ConversationSpec{2, 0};
  schedule::Scheduler scheduler(s, 1);
  const auto starts = test::run_to_completion(scheduler, [](auto&) { return 100 * kMs; });
  std::vector<std::pair<std::int64_t, std::int64_t>> first_target;  // (conversation, turn)
  for (const auto& start : starts) {
    if (start.request.target_index == 0) first_target.emplace_back(*start.request.conversation, *start.request.turn);
  }
  CHECK(first_target == std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 1}, {0, 2}, {1, 1}, {1, 2}});
}
