// What each request asks for (docs/scenario.md ("Prompt and output lengths"), ("Datasets"),
// ("Conversations"), ("Trace replay")): the same pick for the k-th request of every target, the
// phase's own lengths over the workload's, and a trace line's lengths.
#include <catch2/catch.hpp>

#include <set>

#include "run/request_workload.hpp"
#include "workload/synthetic_prompt.hpp"

using namespace ttft;

namespace {

schedule::PlannedRequest request(std::size_t target, std::int64_t pick, std::size_t phase = 0) {
  schedule::PlannedRequest r;
  r.target_index = target;
  r.pick = pick;
  r.phase_index = phase;
  r.index_in_phase = pick;
  return r;
}

scenario::Scenario with_phases(std::size_t count) {
  scenario::Scenario s;
  s.phases.resize(count);
  s.targets.resize(2);  // chat targets
  return s;
}

}  // namespace

TEST_CASE("synthetic lengths: the k-th request of every target draws the same, and the seed decides") {
  auto s = with_phases(1);
  s.input_tokens = workload::Distribution{workload::DistKind::lognormal, 500, 0.8, std::nullopt, std::nullopt};
  s.output_tokens = workload::Distribution{workload::DistKind::uniform, 0, 0, 10.0, 1000.0};
  const run::WorkloadPicker picker(s, 7), other_seed(s, 8);
  std::set<std::int64_t> lengths;
  for (std::int64_t k = 0; k < 20; ++k) {
    const auto a = picker.pick(request(0, k)), b = picker.pick(request(1, k));
    REQUIRE(a.input_tokens_requested);
    CHECK(a.input_tokens_requested == b.input_tokens_requested);
    CHECK(a.max_tokens == b.max_tokens);
    CHECK(a.messages.size() == 1);
    CHECK(a.messages[0].content.size() == static_cast<std::size_t>(*a.input_tokens_requested * workload::kBytesPerToken));
    lengths.insert(*a.input_tokens_requested);
    CHECK(other_seed.pick(request(0, k)).input_tokens_requested != a.input_tokens_requested);
  }
  CHECK(lengths.size() > 15);  // drawn, not fixed
}

TEST_CASE("a phase's own input_tokens wins over the workload's, and max_tokens stays without output_tokens") {
  auto s = with_phases(2);
  s.prompts = {{{"user", "from the prompts"}}};
  s.max_tokens = 77;
  s.phases[1].input_tokens = workload::Distribution::fixed(2048);
  const run::WorkloadPicker picker(s, 1);
  const auto first = picker.pick(request(0, 0, 0));
  CHECK(first.messages[0].content == "from the prompts");
  CHECK_FALSE(first.input_tokens_requested);
  CHECK(first.max_tokens == 77);
  const auto swept = picker.pick(request(0, 1, 1));
  CHECK(swept.input_tokens_requested == 2048);
  CHECK(swept.max_tokens == 77);
}

TEST_CASE("datasets: sequential picks wrap, random picks follow the seed and agree across targets") {
  auto s = with_phases(1);
  for (int i = 0; i < 5; ++i) s.prompts.push_back({{"user", "p" + std::to_string(i)}});
  const run::WorkloadPicker sequential(s, 3);
  CHECK(sequential.pick(request(0, 6)).messages[0].content == "p1");
  s.sampling = scenario::Sampling::random;
  const run::WorkloadPicker random(s, 3);
  std::set<std::string> seen;
  for (std::int64_t k = 0; k < 40; ++k) {
    const auto a = random.pick(request(0, k)), b = random.pick(request(1, k));
    CHECK(a.messages[0].content == b.messages[0].content);
    seen.insert(a.messages[0].content);
  }
  CHECK(seen.size() == 5);
}

TEST_CASE("a replay request takes its trace line's lengths") {
  auto s = with_phases(1);
  s.phases[0].trace_path = "t.csv";
  s.phases[0].trace = {{0, 300, 20}, {kNanosPerSecond, 1200, 80}};
  const run::WorkloadPicker picker(s, 1);
  const auto second = picker.pick(request(1, 1));
  CHECK(second.input_tokens_requested == 1200);
  CHECK(second.max_tokens == 80);
  CHECK(second.messages[0].content.size() == 4800);
}

TEST_CASE("conversation turns: a dataset entry's user turns in order and wrapping, else the prompts in order") {
  auto s = with_phases(1);
  s.conversation = scenario::ConversationSpec{3, 0};
  s.prompts = {{{"user", "q0"}}, {{"system", "sys"}, {"user", "q1"}}};
  s.user_turns = {{"first", "second"}, {}};
  const run::WorkloadPicker picker(s, 1);
  auto turn = [&](std::int64_t conversation, std::int64_t k) {
    auto r = request(0, 0);
    r.conversation = conversation;
    r.turn = k;
    return picker.pick(r).messages;
  };
  CHECK(turn(0, 1)[0].content == "first");
  CHECK(turn(0, 2)[0].content == "second");
  CHECK(turn(0, 3)[0].content == "first");
  // Conversation 1's entry has no user turns: its turns take the prompts after one another,
  // the first turn whole, later turns only their user messages.
  CHECK(turn(1, 1).size() == 2);      // prompt (1·3 + 0) mod 2 = 1: system + user
  CHECK(turn(1, 2).size() == 1);      // prompt 0
  CHECK(turn(1, 2)[0].content == "q0");
  CHECK(turn(1, 3)[0].content == "q1");  // prompt 1 without its system message
}

TEST_CASE("embeddings: request k of every target embeds inputs k·batch … k·batch + batch − 1, wrapping") {
  auto s = with_phases(1);
  s.targets[0].kind = scenario::TargetKind::embeddings;
  s.targets[1].kind = scenario::TargetKind::embeddings;
  s.embedding_inputs = {"a", "b", "c", "d", "e"};
  s.batch = 2;
  const run::WorkloadPicker picker(s, 7);
  CHECK(picker.pick(request(0, 0)).inputs == std::vector<std::string>{"a", "b"});
  CHECK(picker.pick(request(1, 1)).inputs == std::vector<std::string>{"c", "d"});
  CHECK(picker.pick(request(0, 2)).inputs == std::vector<std::string>{"e", "a"});
  CHECK(picker.pick(request(0, 2)).messages.empty());
  CHECK_FALSE(picker.pick(request(0, 2)).input_tokens_requested);
}

TEST_CASE("embeddings without inputs take each prompt's last user message, or synthetic texts") {
  auto s = with_phases(1);
  s.targets[0].kind = scenario::TargetKind::embeddings;
  s.prompts = {{{"system", "be brief"}, {"user", "first"}}, {{"user", "second"}}};
  s.batch = 3;
  const run::WorkloadPicker picker(s, 7);
  CHECK(picker.pick(request(0, 0)).inputs == std::vector<std::string>{"first", "second", "first"});
  CHECK(picker.pick(request(1, 0)).inputs.empty());  // the chat target gets messages
  CHECK(picker.pick(request(1, 0)).messages.size() == 2);
  s.input_tokens = workload::Distribution::fixed(25);
  const run::WorkloadPicker synthetic(s, 7);
  const auto picked = synthetic.pick(request(0, 1));
  REQUIRE(picked.inputs.size() == 3);
  CHECK(picked.inputs[0] == workload::synthetic_prompt(25, 3));  // input 1·3 + 0
  CHECK(picked.input_tokens_requested == 75);
}
