#include "plot/palette.hpp"

#include <fmt/format.h>

#include <array>

#include "plot/svg.hpp"

namespace ttft::plot {
namespace {

// Ordered so neighbours differ in lightness as well as hue (blue dark, orange light, ...).
constexpr std::array<SeriesStyle, 7> kStyles{{
    {"#0072B2", Marker::circle, "", ""},
    {"#E69F00", Marker::square, "7 3", "M0 6L6 0"},
    {"#009E73", Marker::triangle, "2 2", "M0 3H6"},
    {"#D55E00", Marker::diamond, "8 3 2 3", "M3 0V6"},
    {"#CC79A7", Marker::cross, "4 2 1 2 1 2", "M0 0L6 6"},
    {"#56B4E9", Marker::plus, "1 3", "M0 6L6 0M0 0L6 6"},
    {"#000000", Marker::circle, "10 4", "M0 3H6M3 0V6"},
}};

}  // namespace

SeriesStyle series_style(std::size_t index) { return kStyles[index % kStyles.size()]; }

bool marker_is_open(Marker marker) { return marker == Marker::cross || marker == Marker::plus; }

std::string marker_path(Marker marker, double x, double y, double r) {
  const std::string d = px(2 * r);
  const std::string pr = px(r);
  switch (marker) {
    case Marker::circle:  // two half-circle arcs
      return fmt::format("M{} {}a{} {} 0 1 0 {} 0a{} {} 0 1 0 -{} 0", px(x - r), px(y), pr, pr, d, pr, pr, d);
    case Marker::square:
      return fmt::format("M{} {}h{}v{}h-{}z", px(x - r), px(y - r), d, d, d);
    case Marker::triangle:
      return fmt::format("M{} {}l{} {}h-{}z", px(x), px(y - r), pr, d, d);
    case Marker::diamond:
      return fmt::format("M{} {}l{} {}l-{} {}l-{} -{}z", px(x), px(y - r), pr, pr, pr, pr, pr, pr);
    case Marker::cross:
      return fmt::format("M{} {}l{} {}m0 -{}l-{} {}", px(x - r), px(y - r), d, d, d, d, d);
    case Marker::plus:
      return fmt::format("M{} {}h{}M{} {}v{}", px(x - r), px(y), d, px(x), px(y - r), d);
  }
  return {};
}

}  // namespace ttft::plot
