// Grouped vertical bars: one cluster per category (a region, a kind of price), one bar per series
// in each. Hatched bars carry a pattern as well as a colour, so a pair like p50/p95 of the same
// target stays apart in greyscale. Rendered as one self-contained <svg>; draws, never computes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plot/frame.hpp"

namespace ttft::plot {

struct BarSeries {
  std::string name;
  std::size_t style = 0;                     // colour: series_style(style)
  bool hatched = false;                      // filled with the style's hatch pattern
  std::vector<std::optional<double>> values;  // one per category; nullopt = no bar
};

struct BarChart {
  std::string id, title, desc;  // as XyChart
  std::vector<std::string> categories;
  std::string category_label;  // under the category names, e.g. "Region"
  Axis y;                      // linear; bars start at 0
  std::vector<BarSeries> series;
  int width = kChartWidth, height = kChartHeight;
};

/// The chart as one <svg> element: axes, bars (one <path> per series), category labels, legend.
std::string render_bars(const BarChart& chart);

}  // namespace ttft::plot
