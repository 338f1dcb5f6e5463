// Non-streaming plans (docs/simulator.md ("Non-streaming responses")): one frame, the whole JSON
// body, at the slot of the stream's last event; no mid-stream fault. No sockets.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/plan.hpp"

using ttft::kNanosPerMs;
using ttft::sim::Fault;
using ttft::sim::PlanInput;
using ttft::sim::Protocol;
using ttft::sim::StreamPlan;

namespace {

// A 4-token plan with 100 ms to the first event and 20 ms between tokens.
StreamPlan plan_for(Protocol protocol, bool stream, Fault fault = Fault::kNone) {
  ttft::sim::Rng rng(5);
  PlanInput input;
  input.protocol = protocol;
  input.body.stream = stream;
  input.overrides.first_event_ms = 100;
  input.overrides.token_interval_ms = 20;
  input.overrides.tokens = 4;
  input.fault = fault;
  return ttft::sim::make_stream_plan(input, ttft::sim::builtin_profile("fast").value(), rng);
}

}  // namespace

TEST_CASE("sim parse_request_body reads stream false, and stream true when absent") {
  CHECK_FALSE(ttft::sim::parse_request_body(R"({"stream": false})")->stream);
  CHECK(ttft::sim::parse_request_body(R"({"stream": true})")->stream);
  CHECK(ttft::sim::parse_request_body(R"({"messages": []})")->stream);
}

TEST_CASE("sim non-streaming plan: the whole body at the stream's last slot") {
  const StreamPlan streamed = plan_for(Protocol::kAnthropic, true);
  const StreamPlan whole = plan_for(Protocol::kAnthropic, false);
  CHECK_FALSE(streamed.whole);
  REQUIRE(whole.whole);
  REQUIRE(whole.frames.size() == 1);
  CHECK(whole.frames[0].slot == streamed.frames.back().slot);
  // The prelude at 100 ms (slot 0), the tokens at 120, 140, 160 and 180 ms, the tail with the last.
  CHECK(whole.slot_offsets_ns.at(static_cast<std::size_t>(whole.frames[0].slot)) == 180 * kNanosPerMs);
  const auto body = nlohmann::json::parse(whole.frames[0].bytes);
  CHECK(body["type"] == "message");
  CHECK(body["content"][0]["text"] == "Hello, world!");
  CHECK(body["usage"]["output_tokens"] == 4);
}

TEST_CASE("sim non-streaming plan: no mid-stream fault, and no whole body without the form") {
  const StreamPlan faulted = plan_for(Protocol::kOpenAiChat, false, Fault::kTruncate);
  CHECK(faulted.whole);
  CHECK_FALSE(faulted.close_abruptly);
  const StreamPlan sse = plan_for(Protocol::kSse, false);
  CHECK_FALSE(sse.whole);
  CHECK(sse.frames.size() > 1);
}
