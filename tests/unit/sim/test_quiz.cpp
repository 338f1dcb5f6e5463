// The simulator's quiz (docs/simulator.md ("Graded answers")): a quiz question's answer is streamed
// in every protocol, right or wrong by wrong_answer_rate, seeded; other prompts are untouched.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "protocol/stream_decoder.hpp"
#include "sim/plan.hpp"
#include "sim/quiz.hpp"

using ttft::sim::PlanInput;
using ttft::sim::Protocol;
using ttft::sim::StreamPlan;

namespace {

StreamPlan plan_for(Protocol protocol, const std::string& body, double wrong_rate, std::uint64_t seed = 5) {
  ttft::sim::Rng rng(seed);
  PlanInput input;
  input.protocol = protocol;
  input.body = ttft::sim::parse_request_body(body).value();
  input.overrides.first_event_ms = 10;
  input.overrides.token_interval_ms = 1;
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.wrong_answer_rate = wrong_rate;
  return ttft::sim::make_stream_plan(input, profile, rng);
}

// The visible answer ttftbench's own adapter reads from the plan's bytes.
std::string answer_of(Protocol protocol, const StreamPlan& plan) {
  auto decoder = ttft::protocol::StreamDecoder::for_protocol(ttft::sim::protocol_name(protocol), "http://127.0.0.1/");
  REQUIRE(decoder.has_value());
  decoder->keep_answer_text();
  for (const auto& frame : plan.frames) decoder->feed(frame.bytes, 1);
  decoder->finish(2);
  return decoder->record().answer_text;
}

std::string chat(std::string_view user) {
  return R"({"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": )" +
         nlohmann::json(user).dump() + "}]}";
}

}  // namespace

TEST_CASE("sim quiz: a question is found on the last line of a user message, trimmed") {
  const auto* paris = ttft::sim::find_quiz_question("What is the capital of France?");
  REQUIRE(paris != nullptr);
  CHECK(paris->right == "Paris");
  CHECK(ttft::sim::find_quiz_question("0123456789abcdef\nWhat is the capital of France?  ") == paris);
  CHECK(ttft::sim::find_quiz_question("What is the capital of France") == nullptr);
  CHECK(ttft::sim::find_quiz_question("Tell me: What is the capital of France?") == nullptr);
  CHECK(ttft::sim::quiz_questions().size() >= 20);
  std::set<std::string_view> questions;
  for (const auto& q : ttft::sim::quiz_questions()) {
    questions.insert(q.question);
    CHECK(q.wrong.find(q.right) == std::string_view::npos);
  }
  CHECK(questions.size() == ttft::sim::quiz_questions().size());
}

TEST_CASE("sim quiz: every protocol streams the right answer, or the wrong one at rate 1") {
  const std::string body = chat("0123456789abcdef\nWho wrote Hamlet?");
  for (const Protocol protocol : ttft::sim::kAllProtocols) {
    INFO(ttft::sim::protocol_name(protocol));
    CHECK(answer_of(protocol, plan_for(protocol, body, 0)) == "William Shakespeare");
    CHECK(answer_of(protocol, plan_for(protocol, body, 1)) == "Christopher Marlowe");
  }
}

TEST_CASE("sim quiz: non-streaming bodies carry the answer too") {
  const std::string body = R"({"stream": false, "messages": [{"role": "user", "content": "Which ocean is the largest?"}]})";
  const StreamPlan plan = plan_for(Protocol::kOpenAiChat, body, 0);
  REQUIRE(plan.whole);
  REQUIRE(plan.frames.size() == 1);
  CHECK(nlohmann::json::parse(plan.frames[0].bytes)["choices"][0]["message"]["content"] == "Pacific");
}

TEST_CASE("sim quiz: wrong answers come at about the profile's rate, the same for the same seed") {
  const std::string body = chat("What is the capital of Japan?");
  int wrong = 0;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    const std::string answer = answer_of(Protocol::kOpenAiChat, plan_for(Protocol::kOpenAiChat, body, 0.15, seed));
    REQUIRE((answer == "Tokyo" || answer == "Osaka"));
    wrong += answer == "Osaka" ? 1 : 0;
  }
  CHECK(wrong > 240);  // 300 expected; ±60 is beyond 4 standard deviations (16)
  CHECK(wrong < 360);
  CHECK(answer_of(Protocol::kOpenAiChat, plan_for(Protocol::kOpenAiChat, body, 0.5, 9)) ==
        answer_of(Protocol::kOpenAiChat, plan_for(Protocol::kOpenAiChat, body, 0.5, 9)));
}

TEST_CASE("sim quiz: other prompts keep the fixed token stream and draw nothing more") {
  const std::string body = chat("Tell me a story");
  const StreamPlan plain = plan_for(Protocol::kOpenAiChat, body, 1);
  const StreamPlan before = plan_for(Protocol::kOpenAiChat, R"({"messages": [{"role": "user", "content": "x"}]})", 0);
  CHECK(plain.spec.answer_tokens.empty());
  CHECK(plain.spec.output_tokens == 16);
  CHECK(answer_of(Protocol::kOpenAiChat, plain).rfind("Hello", 0) == 0);
  CHECK(plain.slot_offsets_ns == before.slot_offsets_ns);
}
