#include "plot/bar_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plot/svg.hpp"

namespace ttft::plot {
namespace {

constexpr double kClusterFill = 0.8;  // share of a category's width taken by its bars
constexpr std::string_view kDefaultHatch = "M0 6L6 0";

std::string pattern_id(const BarChart& c, std::size_t series) { return fmt::format("{}-hatch{}", c.id, series); }

// A 6×6 tile of the series' colour crossed by white hatch lines.
std::string hatch_pattern(const BarChart& c, std::size_t index) {
  const SeriesStyle style = series_style(c.series[index].style);
  const std::string_view hatch = style.hatch.empty() ? kDefaultHatch : style.hatch;
  return fmt::format(R"(<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse">)"
                     R"(<rect width="6" height="6" fill="{}"/><path d="{}" stroke="#fff" stroke-width="1.5"/></pattern>)",
                     escape_xml(pattern_id(c, index)), style.color, hatch);
}

std::string fill_of(const BarChart& c, std::size_t index) {
  return c.series[index].hatched ? fmt::format("url(#{})", escape_xml(pattern_id(c, index)))
                                 : std::string(series_style(c.series[index].style).color);
}

}  // namespace

std::string render_bars(const BarChart& c) {
  double top = 0;
  for (const BarSeries& s : c.series) {
    for (const auto& v : s.values) top = std::max(top, v.value_or(0));
  }
  const PlotArea area = plot_area(c.width, c.height);
  Axis y_axis_spec = c.y;
  y_axis_spec.log = false;
  y_axis_spec.include_zero = true;
  const Ticks ticks = ticks_for(y_axis_spec, 0, top);
  const Scale y = scale_for(y_axis_spec, ticks, area.bottom, area.top);

  std::string out = svg_open(c.id, c.width, c.height) + title_and_desc(c.id, c.title, c.desc) + "<defs>";
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    if (c.series[i].hatched) out += hatch_pattern(c, i);
  }
  out += "</defs>" + y_axis(area, y_axis_spec, ticks, y);
  out += fmt::format(R"(<path d="M{} {}H{}" stroke="#333"/>)", px(area.left), px(area.bottom), px(area.right));
  const double cluster = (area.right - area.left) / static_cast<double>(std::max<std::size_t>(c.categories.size(), 1));
  const double bar = cluster * kClusterFill / static_cast<double>(std::max<std::size_t>(c.series.size(), 1));
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    out += text_element(area.left + cluster * (static_cast<double>(k) + 0.5), area.bottom + 16, c.categories[k],
                        "middle", R"(font-size="11")");
  }
  out += text_element((area.left + area.right) / 2, area.bottom + 36, c.category_label, "middle",
                      R"(font-size="12")");
  std::vector<LegendEntry> entries;
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const BarSeries& s = c.series[i];
    std::string d;
    for (std::size_t k = 0; k < c.categories.size() && k < s.values.size(); ++k) {
      if (!s.values[k]) continue;
      const double x = area.left + cluster * (static_cast<double>(k) + (1 - kClusterFill) / 2) +
                       bar * static_cast<double>(i);
      const double top_px = y(*s.values[k]);
      d += fmt::format("M{} {}V{}H{}V{}z", px(x), px(area.bottom), px(top_px), px(x + bar - 1), px(area.bottom));
    }
    const std::string fill = fill_of(c, i);
    const SeriesStyle style = series_style(s.style);
    if (!d.empty()) out += fmt::format(R"(<path class="series" d="{}" fill="{}" stroke="{}"/>)", d, fill, style.color);
    entries.push_back({s.name, LegendKind::bar, style, {}, fill});
  }
  return out + legend(area, entries) + "</svg>";
}

}  // namespace ttft::plot
