#include "plot/frame.hpp"

#include <fmt/format.h>

#include "plot/svg.hpp"

namespace ttft::plot {
namespace {

constexpr double kMarginLeft = 66, kMarginTop = 14, kMarginBottom = 46, kLegendWidth = 170;
constexpr double kTickLength = 4;
constexpr double kLegendRow = 18;
constexpr double kMarkerRadius = 3.5;
constexpr const char* kGridStyle = R"(stroke="#ddd" stroke-width="1")";
constexpr const char* kTickText = R"(font-size="11" fill="#333")";

std::string axis_title(const Axis& axis) {
  return axis.unit.empty() ? axis.label : fmt::format("{} ({})", axis.label, axis.unit);
}

}  // namespace

PlotArea plot_area(int width, int height) {
  return {kMarginLeft, kMarginTop, width - kLegendWidth, height - kMarginBottom};
}

Ticks ticks_for(const Axis& axis, double lo, double hi) {
  if (axis.log) return log_ticks(lo, hi);
  if (axis.include_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  return linear_ticks(lo, hi);
}

Scale scale_for(const Axis& axis, const Ticks& ticks, double from_px, double to_px) {
  return axis.log ? Scale::log(ticks.domain, from_px, to_px) : Scale::linear(ticks.domain, from_px, to_px);
}

std::string x_axis(const PlotArea& a, const Axis& axis, const Ticks& ticks, const Scale& scale) {
  std::string out = "<g class=\"axis x\">";
  for (const double value : ticks.values) {
    const std::string x = px(scale(value));
    out += fmt::format(R"(<path d="M{0} {1}V{2}" {3}/><path d="M{0} {2}v{4}" stroke="#333"/>)", x, px(a.top),
                       px(a.bottom), kGridStyle, px(kTickLength));
    out += text_element(scale(value), a.bottom + 16, format_tick(value, ticks.step), "middle", kTickText);
  }
  out += fmt::format(R"(<path d="M{} {}H{}" stroke="#333"/>)", px(a.left), px(a.bottom), px(a.right));
  out += text_element((a.left + a.right) / 2, a.bottom + 36, axis_title(axis), "middle", R"(font-size="12")");
  return out + "</g>";
}

std::string y_axis(const PlotArea& a, const Axis& axis, const Ticks& ticks, const Scale& scale) {
  std::string out = "<g class=\"axis y\">";
  for (const double value : ticks.values) {
    const std::string y = px(scale(value));
    out += fmt::format(R"(<path d="M{0} {1}H{2}" {3}/><path d="M{0} {1}h-{4}" stroke="#333"/>)", px(a.left), y,
                       px(a.right), kGridStyle, px(kTickLength));
    out += text_element(a.left - 7, scale(value) + 4, format_tick(value, ticks.step), "end", kTickText);
  }
  out += fmt::format(R"(<path d="M{} {}V{}" stroke="#333"/>)", px(a.left), px(a.top), px(a.bottom));
  const double mid = (a.top + a.bottom) / 2;
  out += text_element(14, mid, axis_title(axis), "middle",
                      fmt::format(R"svg(font-size="12" transform="rotate(-90 14 {})")svg", px(mid)));
  return out + "</g>";
}

std::string legend(const PlotArea& area, const std::vector<LegendEntry>& entries) {
  std::string out = "<g class=\"legend\">";
  const double x = area.right + 14;
  double y = area.top + 8;
  for (const LegendEntry& entry : entries) {
    const auto& s = entry.style;
    switch (entry.kind) {
      case LegendKind::line:
        out += fmt::format(R"(<path d="M{} {}h24" stroke="{}" stroke-width="2" fill="none"{}/>)", px(x), px(y),
                           s.color, entry.dash.empty() ? "" : fmt::format(R"( stroke-dasharray="{}")", entry.dash));
        break;
      case LegendKind::points:
        out += fmt::format(R"(<path d="{}" stroke="{}" fill="{}" fill-opacity="0.6"/>)",
                           marker_path(s.marker, x + 12, y, kMarkerRadius), s.color,
                           marker_is_open(s.marker) ? "none" : s.color);
        break;
      case LegendKind::bar:
        out += fmt::format(R"(<rect x="{}" y="{}" width="24" height="10" fill="{}" stroke="{}"/>)", px(x),
                           px(y - 5), entry.fill, s.color);
        break;
    }
    out += text_element(x + 30, y + 4, entry.name, "start", R"(font-size="11")");
    y += kLegendRow;
  }
  return out + "</g>";
}

}  // namespace ttft::plot
