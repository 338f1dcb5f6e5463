// report.html's sweep and turn plots: present only with sweeps or conversations, each an svg with
// title, axis labels and a legend naming every target's series, with crossovers and saturation marked.
#include <catch2/catch.hpp>

#include <string>

#include "exporters/html/html_charts.hpp"
#include "exporters/html/sweep_charts.hpp"
#include "report/sweep_plot_data.hpp"

using namespace ttft;

namespace {

report::SweepPoint value_at(double value, double p50, double rps) {
  report::SweepPoint p;
  p.value = value;
  p.ttft_p50_ms = p50;
  p.ttft_p95_ms = p50 + 50;
  p.requests_per_s = rps;
  return p;
}

report::Report report_with_sweeps() {
  report::Report r;
  r.run.targets = {"edge", "central"};
  report::SweepReport ramp{"ramp", "concurrency", {1, 4, 16}, {"edge", "central"}, {}, {}, {}, {}};
  ramp.points = {{value_at(1, 100, 10), value_at(4, 130, 35), value_at(16, 400, 36)},
                 {value_at(1, 200, 5), value_at(4, 220, 18), value_at(16, 260, 60)}};
  ramp.saturation = {{"edge", 4.0, "throughput", true, "edge saturates at concurrency 4"},
                     {"central", 16.0, "throughput", false, "central never stops growing: the last value, 16"}};
  report::SweepReport length{"length", "input_tokens", {1000, 3000}, {"edge", "central"}, {}, {}, {}, {}};
  length.points = {{value_at(1000, 150, 2), value_at(3000, 350, 2)}, {value_at(1000, 250, 2), value_at(3000, 250, 2)}};
  length.fits = {report::LinearFit{20, 50, 100, std::nullopt, std::nullopt, 1000, 3000},
                 report::LinearFit{20, 250, 0, std::nullopt, std::nullopt, 1000, 3000}};
  length.crossovers = {{"edge", "central", 2000.0, "edge is faster below 2,000 input tokens, central above"}};
  r.sweeps = {ramp, length};
  r.turns = {{"edge", 1, 4, 0, 300.0, 320.0}, {"edge", 2, 4, 0, 120.0, 140.0}};
  return r;
}

std::vector<exporters::Figure> figures_of(const report::Report& r) {
  report::HtmlPlotData data;
  data.sweeps = report::build_sweep_plot_data(r);
  data.turns = report::build_turn_plot_data(r);
  return exporters::sweep_figures(data, r);
}

bool has(const std::string& svg, const std::string& what) { return svg.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("html sweeps: one TTFT plot per sweep, throughput for concurrency sweeps, then turns") {
  const auto figures = figures_of(report_with_sweeps());
  REQUIRE(figures.size() == 4);
  CHECK(figures[0].id == "sweep-ttft-ramp");
  CHECK(figures[0].heading == "TTFT against concurrency (ramp)");
  CHECK(figures[1].id == "sweep-throughput-ramp");
  CHECK(figures[2].id == "sweep-ttft-length");
  CHECK(figures[2].heading == "TTFT against prompt length (length)");
  CHECK(figures[3].id == "ttft-by-turn");
  for (const auto& f : figures) {
    INFO(f.id);
    CHECK(f.missing.empty());
    CHECK(has(f.svg, "<title id=\"" + f.id + "-title\">" + f.heading + "</title>"));
    CHECK(has(f.svg, "<g class=\"legend\">"));
  }
}

TEST_CASE("html sweeps: TTFT against concurrency has p50 and p95 per target on a log axis") {
  const std::string svg = figures_of(report_with_sweeps())[0].svg;
  for (const char* name : {">edge p50<", ">edge p95<", ">central p50<", ">central p95<", ">edge p50 (measured)<"}) {
    INFO(name);
    CHECK(has(svg, name));
  }
  CHECK(has(svg, ">Concurrency<"));
  CHECK(has(svg, ">Time to first token (ms)<"));
  CHECK(has(svg, "log-scaled x axis"));  // 1 to 16 spans 10× or more
  CHECK(has(svg, "edge p50: 100 ms at 1, 130 ms at 4, 400 ms at 16."));
  CHECK(has(svg, "stroke-dasharray=\"7 3\""));  // p95 dashed
}

TEST_CASE("html sweeps: throughput plot rings each saturation point the sweep reached") {
  const std::string svg = figures_of(report_with_sweeps())[1].svg;
  CHECK(has(svg, ">Throughput (requests/s)<"));
  CHECK(has(svg, ">edge saturates at 4<"));
  CHECK_FALSE(has(svg, "central saturates"));  // still growing at 16: no knee to mark
  CHECK(has(svg, "edge saturates at concurrency 4."));
  CHECK(has(svg, "<circle"));
}

TEST_CASE("html sweeps: prompt length plot draws the fitted lines and marks the crossover") {
  const std::string svg = figures_of(report_with_sweeps())[2].svg;
  CHECK(has(svg, ">Prompt length (input tokens)<"));
  CHECK(has(svg, ">edge fit a + b·x<"));
  CHECK(has(svg, ">central fit a + b·x<"));
  CHECK(has(svg, ">edge = central at 2000 tokens<"));
  CHECK(has(svg, "edge: a = 50 ms, b = 100 ms per 1,000 input tokens."));
  CHECK(has(svg, "edge is faster below 2,000 input tokens, central above."));
  CHECK_FALSE(has(svg, "log-scaled"));  // 1,000 to 3,000
}

TEST_CASE("html sweeps: TTFT by turn, and no sweep plots without sweeps or turns") {
  const std::string svg = figures_of(report_with_sweeps())[3].svg;
  CHECK(has(svg, ">Turn<"));
  CHECK(has(svg, ">edge p50<"));
  CHECK(has(svg, "edge: turn 1 300 ms; turn 2 120 ms;"));
  const report::Report plain;
  CHECK(figures_of(plain).empty());
  CHECK(exporters::html_figures(report::HtmlPlotData{}, plain).size() == 8);
}
