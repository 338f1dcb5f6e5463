#include "plot/xy_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "plot/svg.hpp"

namespace ttft::plot {
namespace {

constexpr double kPointRadius = 3;
constexpr double kTopMarkInset = 6;  // px below the plot's top edge

struct Extent {
  double x_min = std::numeric_limits<double>::infinity(), x_max = -x_min;
  double y_min = x_min, y_max = -x_min;
  bool empty() const { return x_min > x_max; }
};

bool drawable(const Axis& axis, double value) { return !axis.log || value > 0; }

Extent extent_of(const XyChart& c) {
  Extent e;
  const auto add = [&](const Point& p, bool has_y) {
    if (drawable(c.x, p.x)) {
      e.x_min = std::min(e.x_min, p.x);
      e.x_max = std::max(e.x_max, p.x);
    }
    if (has_y && drawable(c.y, p.y)) {
      e.y_min = std::min(e.y_min, p.y);
      e.y_max = std::max(e.y_max, p.y);
    }
  };
  for (const Series& s : c.series) {
    for (const Point& p : s.points) add(p, s.kind != SeriesKind::top_marks);
  }
  for (const Guide& g : c.guides) {
    add(g.from, true);
    add(g.to, true);
  }
  for (const Callout& callout : c.callouts) add(callout.at, true);
  if (e.y_min > e.y_max) e.y_min = e.y_max = c.y.log ? 1 : 0;  // only top marks: any y axis
  return e;
}

struct Frame {
  PlotArea area;
  Scale x, y;
};

// One <path> per series: its points joined, or its markers concatenated (a 10,000-point
// scatter stays one element).
SeriesStyle style_of(const Series& s) {
  SeriesStyle style = series_style(s.style);
  if (s.marker) style.marker = *s.marker;
  return style;
}

std::string series_path(const Series& s, const Frame& f, const XyChart& c) {
  const SeriesStyle style = style_of(s);
  std::string d;
  bool first = true;
  for (const Point& p : s.points) {
    const bool has_y = s.kind == SeriesKind::top_marks || drawable(c.y, p.y);
    if (!drawable(c.x, p.x) || !has_y) continue;
    const double x = f.x(p.x);
    const double y = s.kind == SeriesKind::top_marks ? f.area.top + kTopMarkInset : f.y(p.y);
    switch (s.kind) {
      case SeriesKind::line:
        d += first ? fmt::format("M{} {}", px(x), px(y)) : fmt::format("L{} {}", px(x), px(y));
        break;
      case SeriesKind::step:
        d += first ? fmt::format("M{} {}", px(x), px(y)) : fmt::format("H{}V{}", px(x), px(y));
        break;
      case SeriesKind::points:
      case SeriesKind::top_marks:
        d += marker_path(style.marker, x, y, kPointRadius);
        break;
    }
    first = false;
  }
  if (d.empty()) return {};
  const bool markers = s.kind == SeriesKind::points || s.kind == SeriesKind::top_marks;
  if (markers) {
    return fmt::format(R"(<path class="series" d="{}" stroke="{}" fill="{}" fill-opacity="0.55" stroke-width="1"/>)",
                       d, style.color, marker_is_open(style.marker) ? "none" : style.color);
  }
  const std::string_view dash = series_style(s.variant).dash;
  return fmt::format(R"(<path class="series" d="{}" stroke="{}" stroke-width="2" fill="none"{}/>)", d, style.color,
                     dash.empty() ? "" : fmt::format(R"( stroke-dasharray="{}")", dash));
}

std::string guide_path(const Guide& g, const Frame& f) {
  return fmt::format(R"(<path d="M{} {}L{} {}" stroke="#777" stroke-dasharray="3 3" fill="none"/>)",
                     px(f.x(g.from.x)), px(f.y(g.from.y)), px(f.x(g.to.x)), px(f.y(g.to.y))) +
         text_element(f.x(g.to.x) - 4, f.y(g.to.y) + 14, g.label, "end", R"(font-size="11" fill="#555")");
}

std::string callout_mark(const Callout& callout, const Frame& f) {
  const double x = f.x(callout.at.x);
  const double y = f.y(callout.at.y);
  return fmt::format(R"(<path d="M{0} {1}V{2}" stroke="#000" stroke-dasharray="2 3"/>)"
                     R"(<circle cx="{0}" cy="{1}" r="6" fill="none" stroke="#000" stroke-width="2"/>)",
                     px(x), px(y), px(f.area.bottom)) +
         text_element(x + 9, y - 9, callout.label, "start", R"(font-size="11" font-weight="bold")");
}

std::vector<LegendEntry> legend_entries(const XyChart& c) {
  std::vector<LegendEntry> entries;
  for (const Series& s : c.series) {
    const bool markers = s.kind == SeriesKind::points || s.kind == SeriesKind::top_marks;
    entries.push_back({s.name, markers ? LegendKind::points : LegendKind::line, style_of(s),
                       std::string(series_style(s.variant).dash), {}});
  }
  return entries;
}

}  // namespace

std::string render_xy(const XyChart& c) {
  const Extent e = extent_of(c);
  const PlotArea area = plot_area(c.width, c.height);
  const Ticks x_ticks = ticks_for(c.x, e.empty() ? 0 : e.x_min, e.empty() ? 1 : e.x_max);
  const Ticks y_ticks = ticks_for(c.y, e.y_min, e.y_max);
  const Frame f{area, scale_for(c.x, x_ticks, area.left, area.right),
                scale_for(c.y, y_ticks, area.bottom, area.top)};
  std::string out = svg_open(c.id, c.width, c.height) + title_and_desc(c.id, c.title, c.desc);
  out += x_axis(area, c.x, x_ticks, f.x) + y_axis(area, c.y, y_ticks, f.y);
  for (const Guide& g : c.guides) out += guide_path(g, f);
  for (const Series& s : c.series) out += series_path(s, f, c);
  for (const Callout& callout : c.callouts) out += callout_mark(callout, f);
  return out + legend(area, legend_entries(c)) + "</svg>";
}

}  // namespace ttft::plot
