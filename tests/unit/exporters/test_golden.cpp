#include <catch2/catch.hpp>

#include <string>

#include "exporters/report_exporters.hpp"
#include "report/merge.hpp"
#include "golden.hpp"
#include "report/report_model.hpp"
#include "samples/csv_reader.hpp"

using namespace ttft;

namespace {

// Fixed run info for the fixture, so the goldens never depend on the machine or the clock.
report::RunInfo fixture_run() {
  report::RunInfo run;
  run.run_id = "fixture-run";
  run.scenario_name = "edge-vs-central";
  run.scenario_sha256 = "5f1c0ad0c0ffee5f1c0ad0c0ffee5f1c0ad0c0ffee5f1c0ad0c0ffee00000000";
  run.tool_version = "0.0.0-test";
  run.targets = {"edge", "central"};
  run.phases = {"cold", "warm"};
  cost::Pricing edge;
  edge.neurons = cost::NeuronPrices{4119, 34868, 11'000, 10'000};
  cost::Pricing central;
  central.tokens = cost::TokenPrices{150'000, 600'000};
  run.pricing = {{"edge", edge}, {"central", central}};
  run.seed = 20260101;
  report::LatenessSummary lateness;
  lateness.send_lag_p50_ms = 0.052;
  lateness.send_lag_p99_ms = 0.48;
  lateness.send_lag_max_ms = 1.9;
  lateness.wake_p50_ms = 0.061;
  lateness.wake_p99_ms = 0.35;
  lateness.wake_max_ms = 2.2;
  lateness.busy_p99_ms = 0.12;
  lateness.busy_max_ms = 0.9;
  run.client_lateness = lateness;
  return run;
}

// The samples of tests/fixtures/samples/<file> (`rows` of them) as one report, as `run` writes it.
report::GroupedReport report_of(const std::string& file, std::size_t rows) {
  const auto read = samples::read_samples_csv(TTFT_FIXTURES_DIR "/samples/" + file);
  REQUIRE(read);
  REQUIRE(read->samples.size() == rows);
  return report::ungrouped(report::build_report(read->samples, fixture_run()));
}

// The fixture as one report.
const report::GroupedReport& fixture_report() {
  static const report::GroupedReport report = report_of("small.csv", 72);
  return report;
}

// The fixture grouped by PoP (edge's rows say FRA, central's none), with a note.
const report::GroupedReport& fixture_by_pop() {
  static const report::GroupedReport grouped = [] {
    const auto read = samples::read_samples_csv(TTFT_FIXTURES_DIR "/samples/small.csv");
    REQUIRE(read);
    const report::RunInfo run = fixture_run();
    results::Manifest manifest;
    manifest.run_id = run.run_id;
    manifest.scenario_name = run.scenario_name;
    manifest.scenario_sha256 = run.scenario_sha256;
    manifest.tool_version = run.tool_version;
    manifest.facts.targets = run.targets;
    manifest.facts.phases = run.phases;
    manifest.facts.pricing = run.pricing;
    manifest.seed = run.seed;
    manifest.client_lateness = run.client_lateness;
    manifest.interrupted = run.interrupted;
    manifest.ended_at = "2026-11-21T20:40:00.000Z";  // a run that ended
    auto out = report::build_grouped_report(read->samples, {manifest}, report::GroupBy::pop);
    out.notes = {"merged from different scenario files (--allow-mixed): a (1), b (2)"};
    return out;
  }();
  return grouped;
}

// The fixture without its three failed rows: an error-free run, whose tables and verdicts must
// not change when figures that only concern failures are added.
const report::GroupedReport& error_free_report() {
  static const report::GroupedReport report = report_of("small_no_errors.csv", 69);
  return report;
}

// The fixture with a third of edge's warm requests rate-limited (429): edge answers faster but
// fails far more often.
const report::GroupedReport& error_heavy_report() {
  static const report::GroupedReport report = report_of("small_error_heavy.csv", 72);
  return report;
}

// The fixture judged by an SLO: ttft ≤ 300 ms and e2e ≤ 2 s in every phase, or with the cold
// phase's own ttft ≤ 800 ms.
report::GroupedReport slo_report(bool cold_own) {
  report::RunInfo run = fixture_run();
  run.slo.every_phase = metrics::Slo{{{"ttft", 300 * kNanosPerMs}, {"e2e", 2000 * kNanosPerMs}}};
  if (cold_own) run.slo.by_phase.emplace_back("cold", metrics::Slo{{{"ttft", 800 * kNanosPerMs}}});
  const auto read = samples::read_samples_csv(TTFT_FIXTURES_DIR "/samples/small.csv");
  REQUIRE(read);
  return report::ungrouped(report::build_report(read->samples, run));
}

}  // namespace

TEST_CASE("golden: summary.csv") {
  test::check_golden("report/summary.csv", exporters::export_summary_csv(fixture_report()));
}

TEST_CASE("golden: summary.json") {
  test::check_golden("report/summary.json", exporters::export_summary_json(fixture_report()));
}

TEST_CASE("golden: report.md") {
  test::check_golden("report/report.md", exporters::export_markdown(fixture_report()));
}

TEST_CASE("golden: terminal plain and coloured") {
  test::check_golden("report/terminal.txt", exporters::export_terminal(fixture_report(), false));
  test::check_golden("report/terminal_color.txt", exporters::export_terminal(fixture_report(), true));
}

TEST_CASE("the same samples and seed give the same report") {
  const auto read = samples::read_samples_csv(TTFT_FIXTURES_DIR "/samples/small.csv");
  REQUIRE(read);
  CHECK(exporters::export_summary_json(report::ungrouped(report::build_report(read->samples, fixture_run()))) ==
        exporters::export_summary_json(fixture_report()));
}

TEST_CASE("golden: grouped by PoP with a note, every format") {
  test::check_golden("report/by_pop.csv", exporters::export_summary_csv(fixture_by_pop()));
  test::check_golden("report/by_pop.json", exporters::export_summary_json(fixture_by_pop()));
  test::check_golden("report/by_pop.md", exporters::export_markdown(fixture_by_pop()));
  test::check_golden("report/by_pop.txt", exporters::export_terminal(fixture_by_pop(), false));
  test::check_golden("report/by_pop_color.txt", exporters::export_terminal(fixture_by_pop(), true));
}

TEST_CASE("golden: one report with a note, Markdown and terminal") {
  report::GroupedReport noted = fixture_report();
  noted.notes = {"merged from different scenario files (--allow-mixed): a (1), b (2)"};
  test::check_golden("report/noted.md", exporters::export_markdown(noted));
  test::check_golden("report/noted.txt", exporters::export_terminal(noted, false));
}

TEST_CASE("golden: an error-free run's summary.csv, report.md and terminal tables") {
  test::check_golden("report/no_errors.csv", exporters::export_summary_csv(error_free_report()));
  test::check_golden("report/no_errors.md", exporters::export_markdown(error_free_report()));
  test::check_golden("report/no_errors.txt", exporters::export_terminal(error_free_report(), false));
}

TEST_CASE("golden: an error-heavy run: failures in the tail and in the verdicts") {
  test::check_golden("report/error_heavy.txt", exporters::export_terminal(error_heavy_report(), false));
  test::check_golden("report/error_heavy.md", exporters::export_markdown(error_heavy_report()));
  test::check_golden("report/error_heavy.json", exporters::export_summary_json(error_heavy_report()));
}

TEST_CASE("golden: SLO attainment, one SLO for every phase and a phase's own") {
  test::check_golden("report/slo.txt", exporters::export_terminal(slo_report(false), false));
  test::check_golden("report/slo.md", exporters::export_markdown(slo_report(false)));
  test::check_golden("report/slo.json", exporters::export_summary_json(slo_report(false)));
  test::check_golden("report/slo_by_phase.txt", exporters::export_terminal(slo_report(true), false));
}
