// The workload keys of docs/scenario.md as the loader reads them: lengths, sweeps expanded into
// one phase per value, replay phases and conversations.
#include <catch2/catch.hpp>

#include <fstream>

#include "scenario/load.hpp"
#include "support/temp_dir.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

scenario::Scenario parsed(const std::string& workload, const std::string& phases, const std::string& path = "s.json") {
  const std::string text = R"({"name": "w", "targets": {
    "a": {"protocol": "openai-chat", "url": "http://127.0.0.1:1/v1/chat/completions"},
    "b": {"protocol": "openai-chat", "url": "http://127.0.0.1:2/v1/chat/completions"}},
    "workload": )" + workload + R"(, "phases": )" + phases + "}";
  auto result = scenario::parse_scenario(text, path, test::no_env);
  INFO((result ? std::string() : result.error().where + ": " + result.error().message));
  REQUIRE(result);
  return *result;
}

}  // namespace

TEST_CASE("input_tokens and output_tokens read a number or each distribution") {
  const auto s = parsed(R"({"input_tokens": {"dist": "lognormal", "median": 800, "sigma": 0.6, "max": 8000},
                            "output_tokens": {"dist": "uniform", "min": 16, "max": 64}})",
                        R"([{"name": "p", "requests": 1, "concurrency": 1}])");
  REQUIRE(s.input_tokens);
  CHECK(s.input_tokens->kind == workload::DistKind::lognormal);
  CHECK(s.input_tokens->center == 800);
  CHECK(s.input_tokens->spread == 0.6);
  CHECK(s.input_tokens->max == 8000);
  CHECK_FALSE(s.input_tokens->min);
  REQUIRE(s.output_tokens);
  CHECK(s.output_tokens->kind == workload::DistKind::uniform);
  CHECK(s.output_tokens->min == 16);
  CHECK(s.prompts.empty());
  const auto fixed = parsed(R"({"input_tokens": 300})", R"([{"name": "p", "requests": 1, "concurrency": 1}])");
  CHECK(fixed.input_tokens->kind == workload::DistKind::fixed);
  CHECK(fixed.input_tokens->center == 300);
}

TEST_CASE("a sweep phase becomes one phase per value, named <name>@<value>, in order") {
  const auto s = parsed(R"({"messages": [{"role": "user", "content": "hi"}]})",
                        R"([{"name": "warm", "requests": 3, "interval": "1s"},
                            {"name": "ramp", "requests": 4, "concurrency": [1, 4, 16]},
                            {"name": "rates", "requests": 2, "rate": [0.5, 2], "arrival": "poisson"},
                            {"name": "len", "requests": 2, "concurrency": 2, "input_tokens": [128, 4096]}])");
  std::vector<std::string> names;
  for (const auto& phase : s.phases) names.push_back(phase.name);
  CHECK(names == std::vector<std::string>{"warm", "ramp@1", "ramp@4", "ramp@16", "rates@0.5", "rates@2", "len@128",
                                          "len@4096"});
  CHECK_FALSE(s.phases[0].sweep);
  const auto& ramp4 = s.phases[2];
  REQUIRE(ramp4.sweep);
  CHECK(ramp4.sweep->base_name == "ramp");
  CHECK(ramp4.sweep->parameter == scenario::SweepParameter::concurrency);
  CHECK(ramp4.sweep->value == 4);
  CHECK(ramp4.sweep->values == std::vector<double>{1, 4, 16});
  CHECK(ramp4.concurrency == 4);
  CHECK(ramp4.requests == 4);
  CHECK(s.phases[4].rate_per_s == 0.5);
  CHECK(s.phases[4].arrival == scenario::Arrival::poisson);
  CHECK(s.phases[7].input_tokens->center == 4096);
  CHECK(s.phases[7].sweep->parameter == scenario::SweepParameter::input_tokens);
  CHECK(s.phases[7].concurrency == 2);
}

TEST_CASE("a replay phase reads its trace relative to the scenario and takes its lines as requests") {
  test::TempDir dir;
  std::ofstream(dir / "t.csv") << "offset_ms,input_tokens,output_tokens\n0,100,10\n250,200,20\n";
  const auto s = parsed(R"({"input_tokens": 50})", R"([{"name": "r", "trace": "t.csv", "speedup": 4}])",
                        (dir / "s.json").string());
  const auto& phase = s.phases[0];
  CHECK(phase.replay());
  CHECK(phase.trace.size() == 2);
  CHECK(phase.requests == 2);
  CHECK(phase.speedup == 4);
  CHECK(phase.trace[1].offset_ns == 250 * kNanosPerMs);
  CHECK(phase.trace_path == (dir / "t.csv").string());
}

TEST_CASE("a conversation workload reads turns and think time") {
  const auto s = parsed(R"({"input_tokens": 50, "conversation": {"turns": 4, "think_time": "2s"}})",
                        R"([{"name": "chat", "requests": 8, "concurrency": 2}])");
  REQUIRE(s.conversation);
  CHECK(s.conversation->turns == 4);
  CHECK(s.conversation->think_ns == 2 * kNanosPerSecond);
}
