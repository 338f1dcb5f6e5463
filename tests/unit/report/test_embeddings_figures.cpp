// The embeddings figures from constructed rows (docs/metrics.md ("Embeddings")): e2e percentiles,
// inputs per second over the rows' wall time, cost per million input tokens and per 1,000
// requests, the free neurons' requests a day, and verdicts kept among embeddings targets.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

samples::Sample embedding_row(const std::string& target, std::int64_t start_ms, double e2e_ms, std::int64_t cost_pusd) {
  samples::Sample s = test::make_sample(target, "warm", 0, {}, {.decode_ms = e2e_ms, .input_tokens = 100, .output_tokens = 0});
  s.ttft_ns = std::nullopt;
  s.started_at = fmt::format("2026-01-01T00:00:{:02}.{:03}Z", start_ms / 1000, start_ms % 1000);
  s.vectors = 8;
  s.dimensions = 768;
  s.cost_pusd = cost_pusd;
  return s;
}

}  // namespace

TEST_CASE("embeddings rows: latency, inputs/s, cost per million input tokens and per 1,000 requests") {
  // edge: 4 requests starting at 0, 1, 2, 3 s, each 250 ms: wall time 3.25 s, 32 vectors → 9.846 inputs/s.
  // Each costs 100 tokens × 6,058 neurons/M × $0.011/1k neurons = 6,663,800 pico-dollars.
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 4; ++i) rows.push_back(embedding_row("edge", i * 1000, 250, 6'663'800));
  rows.push_back(embedding_row("central", 0, 100, 2'000'000));
  rows.push_back(embedding_row("central", 500, 300, 2'000'000));
  rows.push_back(test::make_sample("central", "warm", 0, "http_5xx"));
  report::RunInfo run;
  run.targets = {"chat", "edge", "central"};
  run.phases = {"warm"};
  run.embeddings_targets = {"edge", "central"};
  run.pricing["edge"].neurons = cost::NeuronPrices{6058, 0, 11'000, 10'000};
  rows.push_back(test::make_sample("chat", "warm", 120));
  const report::Report report = report::build_report(rows, run);

  REQUIRE(report.embeddings.size() == 2);
  const report::EmbeddingsRow& edge = report.embeddings[0];
  CHECK(edge.target == "edge");
  CHECK(edge.phase == "warm");
  CHECK(edge.requests == 4);
  CHECK(edge.errors == 0);
  CHECK(edge.dimensions == 768);
  CHECK(edge.vectors == 32);
  CHECK(*edge.e2e_p50_ms == Approx(250));
  CHECK(*edge.inputs_per_s == Approx(32 / 3.25));
  CHECK(*edge.usd_per_m_input_tokens == Approx(0.066638));   // 6,058 × 0.011 / 1,000
  CHECK(*edge.usd_per_1k_requests == Approx(0.0066638));
  // 10,000 free neurons / (100 tokens × 6,058 neurons per million tokens) = 16,507 requests.
  CHECK(*edge.free_requests_per_day == Approx(10'000 / 0.6058));

  const report::EmbeddingsRow& central = report.embeddings[1];
  CHECK(central.requests == 3);
  CHECK(central.errors == 1);
  CHECK(*central.e2e_p50_ms == Approx(200));
  CHECK(*central.inputs_per_s == Approx(16 / 0.8));  // 0 → 800 ms
  CHECK(*central.usd_per_m_input_tokens == Approx(0.02));  // 2e-6 USD per 100 tokens
  CHECK_FALSE(central.free_requests_per_day);

  bool edge_vs_central = false;
  for (const report::Verdict& v : report.verdicts) {
    CHECK((v.target_a != "chat" && v.target_b != "chat") == (v.metric == "e2e"));
    edge_vs_central = edge_vs_central || (v.target_a == "edge" && v.target_b == "central" && v.metric == "e2e");
  }
  CHECK(edge_vs_central);
}

TEST_CASE("a run without embeddings targets has no embeddings rows") {
  const std::vector<samples::Sample> rows = {test::make_sample("a", "warm", 100), test::make_sample("b", "warm", 120)};
  report::RunInfo run;
  run.targets = {"a", "b"};
  CHECK(report::build_report(rows, run).embeddings.empty());
}
