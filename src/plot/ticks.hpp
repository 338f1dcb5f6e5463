// "Nice" axis ticks: round steps (1, 2, 2.5, 5 × 10^k) on linear axes, 1-2-5 or decades on log
// axes, and tick labels people read at a glance (0.5, 250, 1.5k). Pure arithmetic.
#pragma once

#include <string>
#include <vector>

#include "plot/scale.hpp"

namespace ttft::plot {

struct Ticks {
  Domain domain;               // the data range widened to the outermost ticks
  std::vector<double> values;  // ascending, inside domain
  double step = 0;             // linear axes: the distance between ticks; 0 on log axes
};

/// About `target` (>= 2) evenly spaced ticks covering [lo, hi] with a step of 1, 2, 2.5 or 5
/// times a power of ten; lo == hi widens to a unit around the value.
Ticks linear_ticks(double lo, double hi, int target = 5);

/// Ticks for a log axis covering [lo, hi] (lo > 0; non-positive lo is raised to hi / 10): every
/// decade when the data span more than three, else 1-2-5 within each; the domain is widened to
/// the nearest tick on either side.
Ticks log_ticks(double lo, double hi);

/// A tick label: no trailing zeros, "k"/"M" from ten thousand up (12.5k), enough decimals to tell
/// ticks `step` apart (0 = choose from the value itself, as on log axes).
std::string format_tick(double value, double step = 0);

}  // namespace ttft::plot
