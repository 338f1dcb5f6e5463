// The structure of small charts: one <path> per series, title and desc first, axes with units,
// a legend entry per series, escaped names, and nothing drawn for values a log axis cannot show.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "plot/bar_chart.hpp"
#include "plot/xy_chart.hpp"

using namespace ttft::plot;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The d attribute of the index-th series path.
std::string series_d(const std::string& svg, std::size_t index) {
  static const std::regex path(R"re(<path class="series" d="([^"]*)")re");
  auto it = std::sregex_iterator(svg.begin(), svg.end(), path);
  for (std::size_t i = 0; i < index && it != std::sregex_iterator(); ++i) ++it;
  return it == std::sregex_iterator() ? std::string() : (*it)[1].str();
}

XyChart two_series_chart() {
  XyChart chart;
  chart.id = "demo";
  chart.title = "TTFT <CDF>";
  chart.desc = "two series";
  chart.x = {"Time to first token", "ms", false, true};
  chart.y = {"Share of requests", "", false, true};
  chart.series = {{"edge & co", SeriesKind::step, {{100, 0.25}, {200, 0.5}, {400, 1}}, 0, 0, std::nullopt},
                  {"central", SeriesKind::points, {{150, 0.5}, {250, 1}}, 1, 1, std::nullopt}};
  return chart;
}

}  // namespace

TEST_CASE("an xy chart is one svg with title, desc, axes with units, one path per series and a legend") {
  const std::string svg = render_xy(two_series_chart());
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  CHECK(svg.find(R"(<title id="demo-title">TTFT &lt;CDF&gt;</title><desc id="demo-desc">two series</desc>)") !=
        std::string::npos);
  CHECK(svg.find("Time to first token (ms)") != std::string::npos);
  CHECK(svg.find(">Share of requests<") != std::string::npos);
  CHECK(count(svg, R"(<path class="series")") == 2);
  CHECK(svg.find(">edge &amp; co<") != std::string::npos);  // legend text, escaped
  CHECK(svg.find(">central<") != std::string::npos);
  // The step series: a move, then a horizontal and a vertical segment per later point.
  CHECK(std::regex_match(series_d(svg, 0), std::regex(R"(M[\d.]+ [\d.]+(H[\d.]+V[\d.]+){2})")));
  // The scatter series: one closed square marker per point.
  CHECK(count(series_d(svg, 1), "z") == 2);
  // Tick labels from the nice ticks of 100..400 (linear from 0).
  CHECK(svg.find(">400<") != std::string::npos);
  CHECK(svg.find(">0<") != std::string::npos);
}

TEST_CASE("on a log axis, points at or below zero are left out instead of drawn at infinity") {
  XyChart chart = two_series_chart();
  chart.x.log = true;
  chart.series[1].points = {{0, 0.5}, {-1, 0.7}, {300, 1}};
  const std::string svg = render_xy(chart);
  CHECK(count(series_d(svg, 1), "z") == 1);
  CHECK(svg.find("inf") == std::string::npos);
  CHECK(svg.find("nan") == std::string::npos);
}

TEST_CASE("top marks, guides and callouts are drawn and widen the axes to fit") {
  XyChart chart = two_series_chart();
  chart.series.push_back({"edge failed", SeriesKind::top_marks, {{50, 0}}, 0, 0, Marker::cross});
  chart.guides.push_back({{0, 0}, {1000, 1}, "y = x"});
  chart.callouts.push_back({{300, 0.75}, "break-even 3:1"});
  const std::string svg = render_xy(chart);
  CHECK(count(svg, R"(<path class="series")") == 3);
  CHECK(svg.find(">y = x<") != std::string::npos);
  CHECK(svg.find(">break-even 3:1<") != std::string::npos);
  CHECK(svg.find("<circle") != std::string::npos);
  CHECK(svg.find(">1000<") != std::string::npos);  // the guide's end is on the axis
}

TEST_CASE("a bar chart draws one path per series, hatches what asks for it, and skips missing values") {
  BarChart chart;
  chart.id = "bars";
  chart.title = "Price";
  chart.desc = "prices";
  chart.categories = {"input", "output"};
  chart.category_label = "Kind of token";
  chart.y = {"Price", "USD per Mtok"};
  chart.series = {{"edge", 0, false, {0.05, 0.38}}, {"central", 1, true, {0.15, std::nullopt}}};
  const std::string svg = render_bars(chart);
  CHECK(count(svg, R"(<path class="series")") == 2);
  CHECK(count(series_d(svg, 0), "z") == 2);
  CHECK(count(series_d(svg, 1), "z") == 1);
  CHECK(svg.find(R"(<pattern id="bars-hatch1")") != std::string::npos);
  CHECK(svg.find("url(#bars-hatch1)") != std::string::npos);
  CHECK(svg.find("Price (USD per Mtok)") != std::string::npos);
  CHECK(svg.find(">output<") != std::string::npos);
  CHECK(svg.find(">Kind of token<") != std::string::npos);
}
