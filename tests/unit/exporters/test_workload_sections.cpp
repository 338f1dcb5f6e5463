// Sweep and turn sections in the terminal, Markdown, summary.json and summary.csv: present with
// sweeps and conversations, the model's figures and sentences in them; absent without.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exporters/report_exporters.hpp"
#include "exporters/workload_sections.hpp"
#include "report/merge.hpp"
#include "report/number_format.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

samples::Sample sweep_row(const std::string& target, const std::string& phase, double value, double ttft_ms) {
  samples::Sample s = test::make_sample(target, fmt::format("{}@{}", phase, value), ttft_ms);
  s.sweep_value = value;
  s.started_at = fmt::format("2026-01-01T00:00:0{}.000Z", static_cast<int>(value) % 10);
  return s;
}

results::SweepFacts facts(const std::string& phase, const std::string& parameter, const std::vector<double>& values) {
  results::SweepFacts sweep{phase, parameter, values, {}};
  for (const double v : values) sweep.phases.push_back(fmt::format("{}@{}", phase, v));
  return sweep;
}

// An input_tokens sweep whose lines cross (edge 50 + 0.02 x, central 90 + 0.004 x), a concurrency
// sweep and two conversation turns.
report::Report workload_report() {
  report::RunInfo run;
  run.run_id = "r1";
  run.targets = {"edge", "central"};
  run.sweeps = {facts("length", "input_tokens", {128, 1024, 16384}), facts("ramp", "concurrency", {1, 2, 4})};
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 6; ++i) {
    for (const double x : {128.0, 1024.0, 16384.0}) {
      rows.push_back(sweep_row("edge", "length", x, 50 + 0.02 * x + i % 2));
      rows.push_back(sweep_row("central", "length", x, 90 + 0.004 * x + i % 2));
      rows.back().input_tokens = rows[rows.size() - 2].input_tokens = static_cast<std::int64_t>(x);
    }
    for (const double c : {1.0, 2.0, 4.0}) {
      for (const char* target : {"edge", "central"}) rows.push_back(sweep_row(target, "ramp", c, 100 + c * i));
    }
    for (const std::int64_t turn : {1, 2}) {
      rows.push_back(test::make_sample("edge", "chat", 200.0 / static_cast<double>(turn) + i));
      rows.back().turn = turn;
    }
  }
  return report::build_report(rows, run);
}

report::Report plain_report() {
  report::RunInfo run;
  run.targets = {"edge", "central"};
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 5; ++i) {
    rows.push_back(test::make_sample("edge", "warm", 100 + i));
    rows.push_back(test::make_sample("central", "warm", 150 + i));
  }
  return report::build_report(rows, run);
}

}  // namespace

TEST_CASE("workload sections: terminal and Markdown show each sweep and the turns") {
  const report::Report r = workload_report();
  REQUIRE(r.sweeps.size() == 2);
  const std::string text = exporters::export_terminal(report::ungrouped(r), false);
  const std::string md = exporters::export_markdown(report::ungrouped(r));
  for (const std::string& out : {text, md}) {
    CHECK(out.find("Sweep: length (input_tokens)\n") != std::string::npos);
    CHECK(out.find("Sweep: ramp (concurrency)\n") != std::string::npos);
    CHECK(out.find("TTFT by turn\n") != std::string::npos);
    CHECK(out.find("b (ms per 1k tokens)") != std::string::npos);
    CHECK(out.find(r.sweeps[0].crossovers.at(0).text) != std::string::npos);
    for (const report::Saturation& s : r.sweeps[1].saturation) CHECK(out.find(s.text) != std::string::npos);
    CHECK(out.find("16,384") != std::string::npos);
  }
  CHECK(md.find("\n## Sweep: ramp (concurrency)\n") != std::string::npos);
  CHECK(md.find("\n- " + r.sweeps[1].saturation.at(0).text + "\n") != std::string::npos);
  // The fit's cells: a ± half its interval.
  const report::LinearFit& edge = *r.sweeps[0].fits.at(0);
  const std::string a_cell = fmt::format("{} \u00b1 {}", report::format_readable(edge.intercept_ms),
                                         report::format_readable((edge.intercept_ci->high - edge.intercept_ci->low) / 2));
  CHECK(text.find(a_cell) != std::string::npos);
  // Sections follow the verdicts, in the model's order.
  CHECK(text.find("Sweep: length") < text.find("Sweep: ramp"));
  CHECK(text.find("Sweep: ramp") < text.find("TTFT by turn"));
}

TEST_CASE("workload sections: summary.json has sweeps and turns") {
  const report::Report r = workload_report();
  const auto doc = nlohmann::json::parse(exporters::export_summary_json(report::ungrouped(r)));
  REQUIRE(doc.at("sweeps").size() == 2);
  const auto& length = doc["sweeps"][0];
  CHECK(length["parameter"] == "input_tokens");
  CHECK(length["values"] == nlohmann::json::array({128, 1024, 16384}));
  CHECK(length["targets"][0]["target"] == "edge");
  CHECK(length["targets"][0]["fit"]["slope_ms_per_1k_tokens"].get<double>() ==
        Approx(r.sweeps[0].fits[0]->slope_ms_per_1k).epsilon(1e-6));
  CHECK(length["targets"][1]["points"][2]["phase"] == "length@16384");
  CHECK(length["targets"][1]["points"][2]["requests"] == 6);
  CHECK(length["crossovers"][0]["text"] == r.sweeps[0].crossovers[0].text);
  const auto& ramp = doc["sweeps"][1];
  CHECK_FALSE(ramp.contains("crossovers"));
  CHECK_FALSE(ramp["targets"][0].contains("fit"));
  CHECK(ramp["targets"][0]["saturation"]["text"] == r.sweeps[1].saturation[0].text);
  REQUIRE(doc.at("turns").size() == 2);
  CHECK(doc["turns"][1]["turn"] == 2);
  CHECK(doc["turns"][1]["ttft_p50_ms"].get<double>() == Approx(*r.turns[1].ttft_p50_ms));
}

TEST_CASE("workload sections: summary.csv appends throughput and fit rows in its own columns") {
  const report::Report r = workload_report();
  const std::string csv = exporters::export_summary_csv(report::ungrouped(r));
  const auto header_end = csv.find('\n');
  const auto commas = std::count(csv.begin(), csv.begin() + static_cast<std::ptrdiff_t>(header_end), ',');
  std::size_t start = 0, lines = 0;
  while (start < csv.size()) {
    const auto end = csv.find('\n', start);
    CHECK(std::count(csv.begin() + static_cast<std::ptrdiff_t>(start), csv.begin() + static_cast<std::ptrdiff_t>(end), ',') == commas);
    start = end + 1;
    ++lines;
  }
  // The header, every metric row, then per sweep × target × value two throughput rows, and per
  // input_tokens fit two rows.
  CHECK(lines == 1 + r.rows.size() + 2 * (2 * 3 + 2 * 3) + 2 * 2);
  const report::SweepPoint& p = r.sweeps[1].points[0][2];
  CHECK(csv.find(fmt::format("\nedge,ramp@4,throughput,req/s,6,0,{},", report::format_fixed(p.requests_per_s, 3))) !=
        std::string::npos);
  CHECK(csv.find(fmt::format("\nedge,length,ttft_fit_slope,ms/1k input tokens,18,0,{},",
                             report::format_fixed(r.sweeps[0].fits[0]->slope_ms_per_1k, 3))) != std::string::npos);
  CHECK(csv.rfind("ttft_fit") > csv.rfind(",ttft,ms,"));  // after every metric row
}

TEST_CASE("workload sections: none without sweeps or conversations") {
  const report::Report r = plain_report();
  CHECK(r.sweeps.empty());
  CHECK(r.turns.empty());
  CHECK(exporters::export_terminal(report::ungrouped(r), false).find("Sweep") == std::string::npos);
  CHECK(exporters::export_markdown(report::ungrouped(r)).find("turn") == std::string::npos);
  const auto doc = nlohmann::json::parse(exporters::export_summary_json(report::ungrouped(r)));
  CHECK_FALSE(doc.contains("sweeps"));
  CHECK_FALSE(doc.contains("turns"));
  CHECK_FALSE(doc.contains("non_streaming"));
  CHECK(exporters::export_markdown(report::ungrouped(r)).find("Non-streaming") == std::string::npos);
  const std::string csv = exporters::export_summary_csv(report::ungrouped(r));
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == 1 + r.rows.size());
}

TEST_CASE("workload sections: non-streaming targets get their e2e and ttfb in every format") {
  report::RunInfo run;
  run.targets = {"edge", "whole"};
  run.non_streaming_targets = {"whole"};
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 5; ++i) {
    rows.push_back(test::make_sample("edge", "warm", 100 + i));
    samples::Sample whole = test::make_sample("whole", "warm", 0, {}, {.decode_ms = 400.0 + i});
    whole.ttft_ns.reset();
    whole.ttfb_ns = whole.e2e_ns;
    rows.push_back(whole);
  }
  rows.push_back(test::make_sample("whole", "warm", 0, "http_5xx"));
  const report::Report r = report::build_report(rows, run);
  const auto section = exporters::non_streaming_rows(r);
  REQUIRE(section.size() == 1);  // one phase: no "all" row
  CHECK(section[0].target == "whole");
  CHECK(section[0].ok == 5);
  CHECK(section[0].errors == 1);
  CHECK(section[0].e2e_p50_ms == Approx(402));
  CHECK(section[0].ttfb_p95_ms == Approx(403.8));
  const std::string md = exporters::export_markdown(report::ungrouped(r));
  CHECK(md.find("## Non-streaming targets\n") != std::string::npos);
  CHECK(md.find("| whole | warm | 5 | 1 | 402 | 404 | 402 | 404 |") != std::string::npos);
  CHECK(exporters::export_terminal(report::ungrouped(r), false).find("Non-streaming targets\n") != std::string::npos);
  const auto doc = nlohmann::json::parse(exporters::export_summary_json(report::ungrouped(r)));
  REQUIRE(doc.at("non_streaming").size() == 1);
  CHECK(doc["non_streaming"][0]["target"] == "whole");
  CHECK(doc["non_streaming"][0]["e2e_p50_ms"].get<double>() == Approx(402));
  CHECK(doc["non_streaming"][0]["ttfb_p50_ms"].get<double>() == Approx(402));
}
