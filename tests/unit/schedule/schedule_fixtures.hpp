// Helpers for schedule tests: scenarios built in code and a fake driver loop that feeds the
// scheduler made-up times (no clock, no sleeping).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::test {

constexpr Nanos kSecond = kNanosPerSecond;
constexpr Nanos kMinute = 60 * kSecond;

/// A scenario with `targets` targets ("t0", "t1", ...), `prompts` prompts and these phases.
scenario::Scenario make_scenario(std::vector<scenario::Phase> phases, std::size_t targets = 2,
                                 std::size_t prompts = 1);

/// Phase builders; fields not named stay unset.
scenario::Phase interval_phase(std::int64_t requests, Nanos interval_ns,
                               scenario::Order order = scenario::Order::alternate);
scenario::Phase cold_phase(std::int64_t requests, std::vector<Nanos> idle_ns);
scenario::Phase concurrency_phase(std::int64_t concurrency, std::optional<std::int64_t> requests,
                                  std::optional<Nanos> duration_ns);

struct Started {
  schedule::PlannedRequest request;
  Nanos started_ns;
  Nanos finished_ns;
};

/// Runs the schedule to completion against a simulated clock: every request takes
/// `response_ns(request)`; returns the starts in order. Fails the test if the loop stalls.
std::vector<Started> run_to_completion(
    schedule::Scheduler& scheduler,
    const std::function<Nanos(const schedule::PlannedRequest&)>& response_ns);

/// A response time that differs per target and per request (100 ms to 800 ms), so the order
/// requests finish in is not the order they were planned in.
Nanos uneven_response(const schedule::PlannedRequest& request);

/// Target indices of `starts`, as a string of letters: "ABAB".
std::string target_letters(const std::vector<Started>& starts);

}  // namespace ttft::test
