// A chart of numeric x against numeric y: lines, step lines (CDFs), scatter points, marks along
// the top edge (events without a y value, e.g. failed requests), guide lines and labelled points
// (e.g. a break-even). Rendered as one self-contained <svg>; it draws and never computes figures.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plot/frame.hpp"

namespace ttft::plot {

struct Point {
  double x = 0, y = 0;
};

enum class SeriesKind {
  line,       // straight segments through the points, in order
  step,       // horizontal then vertical segments (a step function after each point, as a CDF)
  points,     // one marker per point, no line
  top_marks,  // one marker per point at its x along the top edge; y is ignored
};

struct Series {
  std::string name;
  SeriesKind kind = SeriesKind::line;
  std::vector<Point> points;
  std::size_t style = 0;    // colour and marker: series_style(style)
  std::size_t variant = 0;  // line dash: series_style(variant).dash
  std::optional<Marker> marker;  // instead of the style's own (e.g. a cross for failures)
};

/// A thin dashed grey line from `from` to `to`, labelled at its end (e.g. "y = x").
struct Guide {
  Point from, to;
  std::string label;
};

/// A point called out with a ring, a vertical dashed line down to the x axis and a label.
struct Callout {
  Point at;
  std::string label;
};

struct XyChart {
  std::string id;     // unique in the page; also data-plot
  std::string title;  // <title>
  std::string desc;   // <desc>: what the plot shows, with its key numbers
  Axis x, y;
  std::vector<Series> series;
  std::vector<Guide> guides;
  std::vector<Callout> callouts;
  int width = kChartWidth, height = kChartHeight;
};

/// The chart as one <svg> element (role="img", <title>, <desc>, axes, series, legend); axes cover
/// every point, guide and callout. On a log axis, points with a value <= 0 are left out.
std::string render_xy(const XyChart& chart);

}  // namespace ttft::plot
