// The driver's loop against the simulator on 127.0.0.1: a request is prepared before its t0,
// starts come in bounded bursts between waits, and timed wake-ups still fire when the nearest
// deadline does not move between turns.
#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "driver/driver.hpp"
#include "driver/run_loop.hpp"
#include "scenario/load.hpp"
#include "schedule/scheduler.hpp"
#include "sim/server.hpp"

using namespace ttft;

namespace {

std::unique_ptr<sim::Server> start_sim() {
  sim::Server::Options options;
  options.profile = sim::builtin_profile("fast").value();
  auto server = sim::Server::start(std::move(options));
  REQUIRE(server.has_value());
  return std::move(*server);
}

driver::RequestSpec chat_request(std::uint16_t port, int first_event_ms) {
  driver::RequestSpec spec;
  spec.url = "http://127.0.0.1:" + std::to_string(port) + "/v1/chat/completions";
  spec.protocol = "openai-chat";
  spec.body = R"({"model":"sim","stream":true,"messages":[{"role":"user","content":"hello"}]})";
  spec.headers = {{"x-sim-first-event-ms", std::to_string(first_event_ms)},
                  {"x-sim-token-interval-ms", "0"},
                  {"x-sim-tokens", "3"}};
  spec.timeouts.total_ns = 10 * kNanosPerSecond;
  return spec;
}

/// Steps `driver` until `count` requests have ended (at most 10 s).
std::vector<driver::Outcome> run_until_ended(driver::Driver& driver, std::size_t count) {
  std::vector<driver::Outcome> ended;
  const Nanos give_up_ns = monotonic_ns() + 10 * kNanosPerSecond;
  while (ended.size() < count && monotonic_ns() < give_up_ns) {
    for (auto& outcome : driver.step(give_up_ns)) ended.push_back(std::move(outcome));
  }
  return ended;
}

}  // namespace

TEST_CASE("a request's handle, headers and body are ready before its t0, and each read is stamped after it") {
  const auto sim = start_sim();
  auto driver = driver::Driver::create();
  REQUIRE(driver.has_value());
  REQUIRE((*driver)->start(chat_request(sim->port(), 20)).has_value());
  const auto ended = run_until_ended(**driver, 1);
  REQUIRE(ended.size() == 1);
  const auto& outcome = ended[0];
  CHECK(outcome.error.empty());
  CHECK(outcome.prepared_ns > 0);
  CHECK(outcome.prepared_ns <= outcome.t0_ns);
  REQUIRE(outcome.stream.first_event_ns);
  CHECK(*outcome.stream.first_event_ns >= 20 * kNanosPerMs);
  CHECK((*driver)->loop_stats().starts == 1);
}

TEST_CASE("a first-event timeout fires although the nearest deadline stays the same for many turns") {
  const auto sim = start_sim();
  auto driver = driver::Driver::create();
  REQUIRE(driver.has_value());
  // Two requests share one deadline: the slow one's, reached while the other's reads wake the loop.
  auto slow = chat_request(sim->port(), 5'000);
  slow.timeouts.first_event_ns = 300 * kNanosPerMs;
  const Nanos started_ns = monotonic_ns();
  REQUIRE((*driver)->start(std::move(slow)).has_value());
  REQUIRE((*driver)->start(chat_request(sim->port(), 0)).has_value());
  const auto ended = run_until_ended(**driver, 2);
  REQUIRE(ended.size() == 2);
  CHECK(ended[0].error.empty());
  CHECK(ended[1].error == "timeout_first_event");
  const Nanos took_ns = monotonic_ns() - started_ns;
  CHECK(took_ns >= 300 * kNanosPerMs);
  CHECK(took_ns < 3 * kNanosPerSecond);
}

TEST_CASE("a burst of due requests starts at most kMaxStartsPerTurn between two waits, every one ending once") {
  const auto sim = start_sim();
  const std::string text = R"({
    "name": "burst", "seed": 1,
    "targets": { "a": { "protocol": "openai-chat", "url": "http://127.0.0.1:1/v1/chat/completions", "model": "sim" },
                 "b": { "protocol": "openai-chat", "url": "http://127.0.0.1:1/v1/chat/completions", "model": "sim" } },
    "workload": { "messages": [ { "role": "user", "content": "hi" } ] },
    "phases": [ { "name": "load", "requests": 60, "concurrency": 50 } ] })";
  auto scenario = scenario::parse_scenario(text, "burst.json", [](const std::string&) { return std::nullopt; });
  REQUIRE(scenario.has_value());
  schedule::Scheduler scheduler(*scenario, 1);
  auto driver = driver::Driver::create();
  REQUIRE(driver.has_value());
  std::vector<std::uint64_t> finished;
  driver::RunHooks hooks;
  hooks.make_request = [&](const schedule::PlannedRequest&) -> Result<driver::RequestSpec> {
    return chat_request(sim->port(), 5);
  };
  hooks.on_finished = [&](driver::Finished&& f) {
    CHECK(f.outcome.error.empty());
    finished.push_back(f.outcome.tag);
  };
  const std::atomic<bool> stop{false};
  const auto result = driver::run_schedule(scheduler, **driver, hooks, stop, monotonic_ns());
  REQUIRE(result.has_value());
  CHECK(finished.size() == 120);
  CHECK(result->loop.starts == 120);
  // 100 were due at once: the loop started them in bursts of exactly the bound.
  CHECK(result->loop.most_starts_between_waits == static_cast<std::size_t>(driver::kMaxStartsPerTurn));
}
