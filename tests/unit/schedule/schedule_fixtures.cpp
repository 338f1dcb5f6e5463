// Helpers for schedule tests: scenarios built in code and a simulated driver loop.
#include "schedule_fixtures.hpp"

#include <map>
#include <stdexcept>

namespace ttft::test {

scenario::Scenario make_scenario(std::vector<scenario::Phase> phases, std::size_t targets,
                                 std::size_t prompts) {
  scenario::Scenario s;
  s.name = "test";
  for (std::size_t i = 0; i < targets; ++i) {
    scenario::Target target;
    target.name = "t" + std::to_string(i);
    target.protocol = "sse";
    target.url = "sim://edge";
    s.targets.push_back(target);
  }
  for (std::size_t i = 0; i < prompts; ++i)
    s.prompts.push_back({{"user", "p" + std::to_string(i)}});
  s.phases = std::move(phases);
  return s;
}

scenario::Phase interval_phase(std::int64_t requests, Nanos interval_ns, scenario::Order order) {
  scenario::Phase phase;
  phase.name = "warm";
  phase.requests = requests;
  phase.interval_ns = interval_ns;
  phase.order = order;
  return phase;
}

scenario::Phase cold_phase(std::int64_t requests, std::vector<Nanos> idle_ns) {
  scenario::Phase phase;
  phase.name = "cold";
  phase.requests = requests;
  phase.idle_ns = std::move(idle_ns);
  return phase;
}

scenario::Phase concurrency_phase(std::int64_t concurrency, std::optional<std::int64_t> requests,
                                  std::optional<Nanos> duration_ns) {
  scenario::Phase phase;
  phase.name = "load";
  phase.concurrency = concurrency;
  phase.requests = requests;
  phase.duration_ns = duration_ns;
  return phase;
}

std::vector<Started> run_to_completion(
    schedule::Scheduler& scheduler,
    const std::function<Nanos(const schedule::PlannedRequest&)>& response_ns) {
  std::vector<Started> starts;
  std::multimap<Nanos, std::size_t> pending;  // finish time → index into starts
  Nanos now_ns = 0;
  while (!scheduler.done()) {
    while (const auto request = scheduler.poll(now_ns)) {
      starts.push_back({*request, now_ns, now_ns + response_ns(*request)});
      pending.emplace(starts.back().finished_ns, starts.size() - 1);
    }
    if (scheduler.done()) break;
    const std::optional<Nanos> due_ns = scheduler.next_due_ns();
    if (!pending.empty() && (!due_ns || pending.begin()->first <= *due_ns)) {
      now_ns = pending.begin()->first;
      scheduler.on_finished(starts[pending.begin()->second].request, now_ns);
      pending.erase(pending.begin());
    } else if (due_ns && *due_ns > now_ns) {
      now_ns = *due_ns;
    } else {
      throw std::runtime_error("schedule stalled");
    }
  }
  return starts;
}

Nanos uneven_response(const schedule::PlannedRequest& request) {
  return (1 + static_cast<Nanos>(request.target_index) * 3 + request.index_in_phase % 2) * 100 *
         kNanosPerMs;
}

std::string target_letters(const std::vector<Started>& starts) {
  std::string letters;
  for (const Started& s : starts) letters += static_cast<char>('A' + s.request.target_index);
  return letters;
}

}  // namespace ttft::test
