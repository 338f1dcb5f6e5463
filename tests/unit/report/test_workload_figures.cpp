// Sweeps and conversation turns from constructed rows: fits and crossovers of lines with known
// coefficients, saturation from known throughputs, inferred sweeps, TTFT by turn and merged runs.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "report/from_folders.hpp"
#include "report/merge.hpp"
#include "report/report_model.hpp"
#include "results/manifest.hpp"
#include "samples/csv_writer.hpp"
#include "support/sample_factory.hpp"
#include "support/temp_dir.hpp"

using namespace ttft;

namespace {

constexpr Nanos kOneMs = kNanosPerMs;

std::string iso_at(std::int64_t ms) {
  return fmt::format("2026-01-01T{:02}:{:02}:{:02}.{:03}Z", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60, ms % 1000);
}

samples::Sample sweep_row(const std::string& target, const std::string& base, double value, double ttft_ms) {
  samples::Sample s = test::make_sample(target, fmt::format("{}@{}", base, value), ttft_ms);
  s.sweep_value = value;
  return s;
}

results::SweepFacts sweep_facts(const std::string& phase, const std::string& parameter, const std::vector<double>& values) {
  results::SweepFacts sweep{phase, parameter, values, {}};
  for (const double v : values) sweep.phases.push_back(fmt::format("{}@{}", phase, v));
  return sweep;
}

report::RunInfo run_with(const std::vector<results::SweepFacts>& sweeps) {
  report::RunInfo run;
  run.targets = {"edge", "central"};
  run.sweeps = sweeps;
  for (const auto& sweep : sweeps) run.phases.insert(run.phases.end(), sweep.phases.begin(), sweep.phases.end());
  return run;
}

// Rows of `target` at each concurrency whose successful requests per second are `throughputs`:
// 10 requests start together (each value a minute apart), the last one ends after 10 / throughput s.
std::vector<samples::Sample> throughput_rows(const std::string& target, const std::vector<double>& values,
                                             const std::vector<double>& throughputs, double slow_from = 1e9) {
  std::vector<samples::Sample> rows;
  for (std::size_t v = 0; v < values.size(); ++v) {
    for (int i = 0; i < 10; ++i) {
      samples::Sample s = sweep_row(target, "ramp", values[v], values[v] >= slow_from ? 400 : 100);
      s.started_at = iso_at(static_cast<std::int64_t>(v) * 60'000);
      s.e2e_ns = i == 9 ? static_cast<Nanos>(10'000 / throughputs[v] * kOneMs) : 200 * kOneMs;
      rows.push_back(s);
    }
  }
  return rows;
}

const std::vector<double> kConcurrency{1, 2, 4, 8, 16};

}  // namespace

TEST_CASE("sweep fit: lines with known coefficients, and a crossover printed within 1% of the true one") {
  // edge: TTFT = 50 + 0.02 x; central: 90 + 0.004 x; they cross at x = 40 / 0.016 = 2,500 tokens.
  const std::vector<double> lengths{128, 1024, 4096, 16384};
  std::vector<samples::Sample> rows;
  for (const double x : lengths) {
    for (int i = 0; i < 10; ++i) {
      const double noise = (i % 3 - 1) * 0.5;
      for (const auto& [target, a, b] : {std::tuple{"edge", 50.0, 0.02}, std::tuple{"central", 90.0, 0.004}}) {
        samples::Sample s = sweep_row(target, "length", x, a + b * x + noise);
        s.input_tokens.reset();
        s.input_tokens_requested = static_cast<std::int64_t>(x);
        rows.push_back(s);
      }
    }
  }
  const report::Report r = report::build_report(rows, run_with({sweep_facts("length", "input_tokens", lengths)}));
  REQUIRE(r.sweeps.size() == 1);
  const report::SweepReport& sweep = r.sweeps[0];
  CHECK(sweep.parameter == "input_tokens");
  CHECK(sweep.targets == std::vector<std::string>{"edge", "central"});
  REQUIRE(sweep.fits.size() == 2);
  REQUIRE(sweep.fits[0]);
  const report::LinearFit& edge = *sweep.fits[0];
  CHECK(edge.n == 40);
  CHECK(edge.intercept_ms == Approx(50).margin(0.5));
  CHECK(edge.slope_ms_per_1k == Approx(20).epsilon(1e-3));
  REQUIRE(edge.slope_ci);
  CHECK(edge.slope_ci->low < 20);
  CHECK(edge.slope_ci->high > 20);
  CHECK(edge.x_min == 128);
  CHECK(edge.x_max == 16384);
  CHECK(sweep.saturation.empty());
  REQUIRE(sweep.crossovers.size() == 1);
  const report::Crossover& cross = sweep.crossovers[0];
  REQUIRE(cross.input_tokens);
  CHECK(*cross.input_tokens == Approx(2500).epsilon(0.01));
  INFO(cross.text);
  CHECK(cross.text.rfind("edge is faster below ", 0) == 0);
  CHECK(cross.text.find("input tokens, central above (lines cross at ") != std::string::npos);
  CHECK(cross.text.find("; measured 128 to 16,384)") != std::string::npos);
  const auto at = cross.text.find("cross at ") + 9;
  std::string printed = cross.text.substr(at, cross.text.find(';') - at);
  printed.erase(std::remove(printed.begin(), printed.end(), ','), printed.end());
  CHECK(std::stod(printed) == Approx(2500).epsilon(0.01));
  // Per value: the rows' own figures.
  const report::SweepPoint& p = sweep.points[1][3];
  CHECK(p.phase == "length@16384");
  CHECK(p.requests == 10);
  CHECK(*p.ttft_p50_ms == Approx(90 + 0.004 * 16384).margin(0.5));
}

TEST_CASE("sweep fit: lines that do not cross in the measured range name the faster target") {
  std::vector<samples::Sample> rows;
  for (const double x : {100.0, 200.0, 400.0}) {
    for (int i = 0; i < 3; ++i) {
      rows.push_back(sweep_row("edge", "length", x, 10 + 0.1 * x + i));
      rows.push_back(sweep_row("central", "length", x, 30 + 0.1 * x + i));
    }
  }
  for (auto& s : rows) s.input_tokens = static_cast<std::int64_t>(*s.sweep_value);
  const auto r = report::build_report(rows, run_with({sweep_facts("length", "input_tokens", {100, 200, 400})}));
  REQUIRE(r.sweeps.at(0).crossovers.size() == 1);
  CHECK_FALSE(r.sweeps[0].crossovers[0].input_tokens);
  CHECK(r.sweeps[0].crossovers[0].text ==
        "edge is faster throughout the measured range (100 to 400 input tokens; the lines do not cross there)");
}

TEST_CASE("saturation without an SLO: where throughput stops growing by 10%") {
  auto rows = throughput_rows("edge", kConcurrency, {1, 2, 4, 4.1, 4.2});
  const auto growing = throughput_rows("central", kConcurrency, {1, 2, 4, 8, 16});
  rows.insert(rows.end(), growing.begin(), growing.end());
  const auto r = report::build_report(rows, run_with({sweep_facts("ramp", "concurrency", kConcurrency)}));
  REQUIRE(r.sweeps.size() == 1);
  const report::SweepReport& sweep = r.sweeps[0];
  CHECK(sweep.fits.empty());
  REQUIRE(sweep.saturation.size() == 2);
  CHECK(sweep.saturation[0].basis == "throughput");
  CHECK(sweep.saturation[0].value == 4);
  INFO(sweep.saturation[0].text);
  CHECK(sweep.saturation[0].text.rfind("edge: saturates at concurrency 4 (throughput +", 0) == 0);
  CHECK(sweep.saturation[0].text.find("% from 4 to 8)") != std::string::npos);
  CHECK(sweep.saturation[1].value == 16);
  CHECK(sweep.saturation[1].text == "central: throughput still grows at concurrency 16 (+100% from 8); no saturation in the measured range");
  const report::SweepPoint& four = sweep.points[0][2];
  CHECK(*four.requests_per_s == Approx(4).epsilon(1e-3));
  CHECK(*four.wall_s == Approx(2.5).epsilon(1e-3));
  CHECK(*four.output_tokens_per_s == Approx(4 * 200).epsilon(1e-3));
}

TEST_CASE("saturation with an SLO: the highest value whose goodput meets it") {
  auto rows = throughput_rows("edge", kConcurrency, {1, 2, 4, 4.1, 4.2}, 16);
  const auto slow = throughput_rows("central", kConcurrency, {1, 2, 4, 8, 16}, 1);
  rows.insert(rows.end(), slow.begin(), slow.end());
  auto run = run_with({sweep_facts("ramp", "concurrency", kConcurrency)});
  run.slo.every_phase = metrics::Slo{{{"ttft", 300 * kOneMs}}};
  const auto r = report::build_report(rows, run);
  const report::SweepReport& sweep = r.sweeps.at(0);
  REQUIRE(sweep.saturation.size() == 2);
  CHECK(sweep.saturation[0].basis == "slo");
  CHECK(sweep.saturation[0].value == 8);
  CHECK(sweep.saturation[0].text == "edge: highest concurrency meeting the SLO: 8");
  CHECK_FALSE(sweep.saturation[1].value);
  CHECK(sweep.saturation[1].text == "central: no concurrency meets the SLO (goodput of at least 95%)");
  CHECK(sweep.points[0][4].goodput == 0.0);
  CHECK(sweep.points[0][3].goodput == 1.0);
}

TEST_CASE("sweeps: a value without rows shows what there is, and names alone infer a sweep") {
  auto rows = throughput_rows("edge", {1, 2}, {1, 2});
  auto with_facts = report::build_report(rows, run_with({sweep_facts("ramp", "concurrency", {1, 2, 4})}));
  REQUIRE(with_facts.sweeps.size() == 1);
  CHECK(with_facts.sweeps[0].points[0][2].requests == 0);
  CHECK_FALSE(with_facts.sweeps[0].points[0][2].ttft_p50_ms);
  CHECK(with_facts.sweeps[0].points[0][1].requests == 10);
  // No sweep in the manifest (an older one): the phase names "<name>@<value>" still group.
  report::RunInfo bare;
  bare.targets = {"edge"};
  const auto inferred = report::build_report(rows, bare);
  REQUIRE(inferred.sweeps.size() == 1);
  CHECK(inferred.sweeps[0].phase == "ramp");
  CHECK(inferred.sweeps[0].parameter == "value");
  CHECK(inferred.sweeps[0].values == std::vector<double>{1, 2});
  CHECK(inferred.sweeps[0].saturation.empty());
  CHECK(inferred.sweeps[0].points[0][1].requests == 10);
  // Without sweeps, nothing.
  CHECK(report::build_report({test::make_sample("edge", "warm@1", 100)}, bare).sweeps.empty());
}

TEST_CASE("turns: TTFT per target and turn, failures counted apart") {
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 10; ++i) {
    for (const std::int64_t turn : {1, 2}) {
      samples::Sample s = test::make_sample("edge", "chat", turn == 1 ? 100 + 10 * i : 20 + i, turn == 2 && i < 2 ? "timeout" : "");
      s.conversation = i;
      s.turn = turn;
      rows.push_back(s);
    }
  }
  rows.push_back(test::make_sample("central", "chat", 70));
  rows.back().turn = 1;
  report::RunInfo run;
  run.targets = {"edge", "central"};
  const auto r = report::build_report(rows, run);
  REQUIRE(r.turns.size() == 3);
  CHECK(r.turns[0].target == "edge");
  CHECK(r.turns[0].turn == 1);
  CHECK(r.turns[0].requests == 10);
  CHECK(*r.turns[0].ttft_p50_ms == Approx(145));    // 100..190: type 7 at h = 4.5
  CHECK(*r.turns[0].ttft_p95_ms == Approx(185.5));  // h = 8.55
  CHECK(r.turns[1].turn == 2);
  CHECK(r.turns[1].errors == 2);
  CHECK(*r.turns[1].ttft_p50_ms == Approx(25.5));   // 22..29
  CHECK(r.turns[2].target == "central");
  CHECK(*r.turns[2].ttft_p95_ms == 70);
  CHECK(report::build_report({test::make_sample("edge", "warm", 1)}, run).turns.empty());
}

TEST_CASE("merged runs: sweep values and rows of both, and their turns") {
  results::Manifest a, b;
  a.run_id = "r1";
  b.run_id = "r2";
  for (results::Manifest* m : {&a, &b}) {
    m->facts.targets = {"edge"};
    m->ended_at = "2026-01-01T00:00:00.000Z";
  }
  a.facts.sweeps = {sweep_facts("ramp", "concurrency", {1, 2})};
  b.facts.sweeps = {sweep_facts("ramp", "concurrency", {2, 4})};
  a.facts.phases = a.facts.sweeps[0].phases;
  b.facts.phases = b.facts.sweeps[0].phases;
  auto rows = throughput_rows("edge", {1, 2}, {1, 2});
  for (auto& s : rows) s.run_id = "r1";
  auto more = throughput_rows("edge", {2, 4}, {2, 4});
  for (auto& s : more) {
    s.run_id = "r2";
    s.turn = 1;
  }
  rows.insert(rows.end(), more.begin(), more.end());
  const report::GroupedReport merged = report::build_grouped_report(rows, {a, b}, std::nullopt);
  REQUIRE(merged.overall.sweeps.size() == 1);
  const report::SweepReport& sweep = merged.overall.sweeps[0];
  CHECK(sweep.values == std::vector<double>{1, 2, 4});
  CHECK(sweep.points[0][0].requests == 10);
  CHECK(sweep.points[0][1].requests == 20);
  CHECK(sweep.points[0][2].requests == 10);
  REQUIRE(merged.overall.turns.size() == 1);
  CHECK(merged.overall.turns[0].requests == 20);  // r2's rows
}

TEST_CASE("two results folders: the sweep's values from both manifests, fits over both folders' rows") {
  // One scenario file run twice, each run with its own half of the lengths: 50 + 0.02 x in both.
  test::TempDir tmp;
  const std::vector<std::vector<double>> halves{{128, 1024}, {4096, 16384}};
  std::vector<std::string> dirs;
  for (std::size_t run = 0; run < 2; ++run) {
    const auto dir = tmp / fmt::format("run{}", run);
    std::filesystem::create_directories(dir);
    results::Manifest m;
    m.run_id = fmt::format("r{}", run);
    m.scenario_sha256 = "abc";
    m.ended_at = "2026-01-01T00:00:00.000Z";
    m.scenario = nlohmann::ordered_json::parse(fmt::format(
        R"({{"targets": {{"edge": {{}}}}, "phases": [{{"name": "length", "input_tokens": [{}, {}]}}]}})",
        halves[run][0], halves[run][1]));
    REQUIRE(results::write_manifest(dir, m));
    auto writer = samples::CsvWriter::create((dir / "samples.csv").string());
    REQUIRE(writer);
    for (const double x : halves[run]) {
      for (int i = 0; i < 3; ++i) {
        samples::Sample s = sweep_row("edge", "length", x, 50 + 0.02 * x + i);
        s.run_id = m.run_id;
        s.input_tokens = static_cast<std::int64_t>(x);
        s.started_at = iso_at(i * 100);
        REQUIRE(writer->append(s));
      }
    }
    dirs.push_back(dir.string());
  }
  std::ostringstream out, err;
  Io io{out, err, false, false, [](const std::string&) { return std::optional<std::string>{}; }};
  report::FolderReportOptions options;
  options.dirs = dirs;
  const auto folder = report::report_from_folders(options, io);
  REQUIRE(folder);
  const report::Report& r = folder->report.overall;
  REQUIRE(r.sweeps.size() == 1);
  CHECK(r.sweeps[0].parameter == "input_tokens");
  CHECK(r.sweeps[0].values == std::vector<double>{128, 1024, 4096, 16384});
  CHECK(r.sweeps[0].points[0][3].requests == 3);
  REQUIRE(r.sweeps[0].fits.at(0));
  CHECK(r.sweeps[0].fits[0]->n == 12);
  CHECK(r.sweeps[0].fits[0]->slope_ms_per_1k == Approx(20).epsilon(1e-6));
  CHECK(r.sweeps[0].fits[0]->intercept_ms == Approx(51).epsilon(1e-6));  // the rows' +0, +1, +2 average 1
}
