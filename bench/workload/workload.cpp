// What making one request costs on the run's event loop: picking its workload (drawing lengths,
// cutting a synthetic prompt) and building its body, for synthetic prompts of 1k and 8k tokens and
// for a dataset prompt. The picks happen between starts, never between a read and its timestamp;
// this puts a number on the time they take from the loop.
#include <benchmark/benchmark.h>

#include "run/request_builder.hpp"
#include "run/request_workload.hpp"

namespace {

using namespace ttft;

scenario::Scenario synthetic_scenario(double median_tokens) {
  scenario::Scenario s;
  s.input_tokens = workload::Distribution{workload::DistKind::lognormal, median_tokens, 0.5, std::nullopt, std::nullopt};
  s.output_tokens = workload::Distribution{workload::DistKind::uniform, 0, 0, 64.0, 512.0};
  s.phases.emplace_back();
  return s;
}

scenario::Scenario dataset_scenario() {
  scenario::Scenario s;
  s.phases.emplace_back();
  for (int i = 0; i < 1000; ++i) {
    s.prompts.push_back({{"system", "You are a helpful assistant."}, {"user", std::string(2000, 'x') + std::to_string(i)}});
  }
  return s;
}

// One request as Session::make_request makes it: the pick, then the openai-chat body.
void make_requests(benchmark::State& state, const scenario::Scenario& s) {
  const run::WorkloadPicker picker(s, 42);
  schedule::PlannedRequest planned;
  for (auto _ : state) {
    run::RequestWorkload w = picker.pick(planned);
    auto spec = run::build_request({"http://127.0.0.1:1/v1/chat/completions", "openai-chat", "m", std::move(w.messages),
                                    w.max_tokens, nlohmann::json::object(), {}, "id", "X-Request-Id"});
    benchmark::DoNotOptimize(spec);
    ++planned.pick;
    ++planned.seq;
  }
}

void pick_only(benchmark::State& state, const scenario::Scenario& s) {
  const run::WorkloadPicker picker(s, 42);
  schedule::PlannedRequest planned;
  for (auto _ : state) {
    benchmark::DoNotOptimize(picker.pick(planned));
    ++planned.pick;
  }
}

void BM_PickSynthetic1k(benchmark::State& state) { pick_only(state, synthetic_scenario(1000)); }
void BM_PickSynthetic8k(benchmark::State& state) { pick_only(state, synthetic_scenario(8000)); }
void BM_PickDataset(benchmark::State& state) { pick_only(state, dataset_scenario()); }
void BM_RequestSynthetic1k(benchmark::State& state) { make_requests(state, synthetic_scenario(1000)); }
void BM_RequestSynthetic8k(benchmark::State& state) { make_requests(state, synthetic_scenario(8000)); }
void BM_RequestDataset(benchmark::State& state) { make_requests(state, dataset_scenario()); }

BENCHMARK(BM_PickSynthetic1k);
BENCHMARK(BM_PickSynthetic8k);
BENCHMARK(BM_PickDataset);
BENCHMARK(BM_RequestSynthetic1k);
BENCHMARK(BM_RequestSynthetic8k);
BENCHMARK(BM_RequestDataset);

}  // namespace

BENCHMARK_MAIN();
