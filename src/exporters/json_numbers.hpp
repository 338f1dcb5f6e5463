// How the JSON exporters (summary.json, compare's JSON) write numbers: null for anything
// unmeasured or non-finite, never NaN; figures in a metric's unit to 6 decimals.
#pragma once

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "stats/bootstrap.hpp"

namespace ttft::exporters {

/// The value as is, or null.
inline nlohmann::ordered_json json_number(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return *value;
}

/// A figure to 6 decimals (1 ns for ms): the digits past that are floating-point noise
/// ("296.4819999999999" → 296.482); or null.
inline nlohmann::ordered_json json_figure(std::optional<double> value) {
  constexpr double kFigureScale = 1e6;
  if (!value || !std::isfinite(*value)) return nullptr;
  return std::round(*value * kFigureScale) / kFigureScale;
}

/// One bound of an interval as a figure, or null when there is no interval.
inline nlohmann::ordered_json json_interval_bound(const std::optional<stats::Interval>& ci, bool high) {
  if (!ci) return nullptr;
  return json_figure(high ? ci->high : ci->low);
}

}  // namespace ttft::exporters
