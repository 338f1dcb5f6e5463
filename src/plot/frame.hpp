// What the chart kinds share: the plot area inside the SVG, axis scales from nice ticks, the
// axes with gridlines, tick labels and titles with units, and the legend column on the right.
#pragma once

#include <string>
#include <vector>

#include "plot/palette.hpp"
#include "plot/scale.hpp"
#include "plot/ticks.hpp"

namespace ttft::plot {

struct Axis {
  std::string label;          // "Time to first token"
  std::string unit;           // "ms"; shown as "label (unit)"
  bool log = false;           // log10 scale (values <= 0 are not drawn)
  bool include_zero = false;  // linear axes: start at 0 even when the data do not
};

/// The plot's rectangle in SVG pixels.
struct PlotArea {
  double left, top, right, bottom;
};

inline constexpr int kChartWidth = 600;
inline constexpr int kChartHeight = 340;

/// The rectangle left for the data: margins for tick labels and axis titles, and a legend column.
PlotArea plot_area(int width, int height);

/// Nice ticks for data in [lo, hi] on `axis` (log or linear, widened to zero if asked).
Ticks ticks_for(const Axis& axis, double lo, double hi);

/// The scale of `axis` over the ticks' domain onto pixels [from_px, to_px].
Scale scale_for(const Axis& axis, const Ticks& ticks, double from_px, double to_px);

/// Gridlines, tick marks and labels along the bottom, and the axis title under them.
std::string x_axis(const PlotArea& area, const Axis& axis, const Ticks& ticks, const Scale& scale);

/// Gridlines and tick labels along the left side, and the rotated axis title.
std::string y_axis(const PlotArea& area, const Axis& axis, const Ticks& ticks, const Scale& scale);

enum class LegendKind { line, points, bar };

struct LegendEntry {
  std::string name;
  LegendKind kind = LegendKind::line;
  SeriesStyle style;    // colour and marker
  std::string dash;     // line entries: stroke-dasharray
  std::string fill;     // bar entries: the fill (a colour or "url(#pattern)")
};

/// The legend as a column to the right of the plot area, one entry per line.
std::string legend(const PlotArea& area, const std::vector<LegendEntry>& entries);

}  // namespace ttft::plot
