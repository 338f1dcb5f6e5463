// Series styles that survive greyscale printing and colour blindness: the Okabe–Ito palette
// (Okabe & Ito 2008, "Color Universal Design"), each colour paired with its own marker shape,
// dash pattern and bar hatch, so no series is told apart by hue alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttft::plot {

enum class Marker { circle, square, triangle, diamond, cross, plus };

struct SeriesStyle {
  std::string_view color;  // "#0072B2"
  Marker marker;
  std::string_view dash;   // stroke-dasharray, "" = solid
  std::string_view hatch;  // a pattern path in a 6×6 tile, "" = solid fill
};

/// The style of the index-th series; cycles after the palette's seven colours (yellow is left
/// out: too faint on white).
SeriesStyle series_style(std::size_t index);

/// A marker of radius `r` px centred at (x, y) as path data ("M…z"), to be concatenated with
/// others into one <path> per series.
std::string marker_path(Marker marker, double x, double y, double r);

/// Whether the marker is drawn by its outline only (cross, plus) rather than filled.
bool marker_is_open(Marker marker);

}  // namespace ttft::plot
