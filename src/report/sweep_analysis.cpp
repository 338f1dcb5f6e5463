// Fits, crossovers and saturation points, each with its one sentence.
#include "report/sweep_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/number_format.hpp"

namespace ttft::report {
namespace {

constexpr double kTokensPerSlopeUnit = 1000;  // b is printed per 1,000 input tokens
constexpr int kCrossoverDigits = 3;           // a crossing is an estimate: 3 significant digits

std::optional<stats::Interval> scaled(const std::optional<stats::Interval>& ci, double factor) {
  if (!ci) return std::nullopt;
  return stats::Interval{ci->low * factor, ci->high * factor};
}

double predicted_ms(const LinearFit& fit, double tokens) {
  return fit.intercept_ms + fit.slope_ms_per_1k * tokens / kTokensPerSlopeUnit;
}

// "+3%" or "−12%": how much `to` adds to `from`.
std::string growth_text(double growth) {
  const double percent = std::round(growth * 100);  // so that −0.04% reads "+0%", not "−0%"
  return fmt::format("{}{:.0f}%", percent < 0 ? "\u2212" : "+", std::abs(percent));
}

Saturation slo_saturation(const std::string& target, const std::string& parameter,
                          const std::vector<SweepPoint>& points) {
  Saturation out{target, std::nullopt, "slo", false, {}};
  for (const SweepPoint& point : points) {
    if (point.goodput && *point.goodput >= kSaturationGoodput && (!out.value || point.value > *out.value)) {
      out.value = point.value;
    }
  }
  for (const SweepPoint& point : points) {
    if (out.value && point.value > *out.value && point.goodput) out.reached = true;
  }
  out.text = out.value ? fmt::format("{}: highest {} meeting the SLO: {}", target, parameter, format_grouped(out.value))
                       : fmt::format("{}: no {} meets the SLO (goodput of at least {:.0f}%)", target, parameter,
                                     kSaturationGoodput * 100);
  return out;
}

}  // namespace

std::optional<LinearFit> ttft_fit(const stats::LinearFitAccumulator& points) {
  const auto line = stats::fit_line(points);
  if (!line) return std::nullopt;
  LinearFit fit;
  fit.n = line->n;
  fit.intercept_ms = line->intercept;
  fit.slope_ms_per_1k = line->slope * kTokensPerSlopeUnit;
  fit.intercept_ci = line->intercept_ci;
  fit.slope_ci = scaled(line->slope_ci, kTokensPerSlopeUnit);
  fit.x_min = points.min_x();
  fit.x_max = points.max_x();
  return fit;
}

Crossover crossover(const std::string& a_name, const std::optional<LinearFit>& a, const std::string& b_name,
                    const std::optional<LinearFit>& b) {
  Crossover out{a_name, b_name, std::nullopt, {}};
  if (!a || !b) {
    out.text = fmt::format("{} and {}: no line for {} (fewer than two distinct input lengths)", a_name, b_name,
                           !a ? a_name : b_name);
    return out;
  }
  // The range both measured; when they share none, the range either did.
  double low = std::max(a->x_min, b->x_min), high = std::min(a->x_max, b->x_max);
  if (low > high) std::tie(low, high) = std::pair(std::min(a->x_min, b->x_min), std::max(a->x_max, b->x_max));
  const std::string range = fmt::format("{} to {}", format_grouped(low), format_grouped(high));
  const double slope_gap = a->slope_ms_per_1k - b->slope_ms_per_1k;
  if (slope_gap != 0) {
    const double at = kTokensPerSlopeUnit * (b->intercept_ms - a->intercept_ms) / slope_gap;
    if (at > low && at < high) {
      out.input_tokens = at;
      // Left of the crossing the steeper line is the lower one.
      const bool a_below = slope_gap > 0;
      const std::string x = format_grouped(at, kCrossoverDigits);
      out.text = fmt::format("{} is faster below {} input tokens, {} above (lines cross at {}; measured {})",
                             a_below ? a_name : b_name, x, a_below ? b_name : a_name, x, range);
      return out;
    }
  }
  const double middle = (low + high) / 2;
  const double gap_ms = predicted_ms(*a, middle) - predicted_ms(*b, middle);
  if (gap_ms == 0) {
    out.text = fmt::format("{} and {} fit the same line ({} input tokens measured)", a_name, b_name, range);
  } else {
    out.text = fmt::format("{} is faster throughout the measured range ({} input tokens; the lines do not cross there)",
                           gap_ms < 0 ? a_name : b_name, range);
  }
  return out;
}

Saturation saturation(const std::string& target, const std::string& parameter, const std::vector<SweepPoint>& points,
                      bool with_slo) {
  if (with_slo) return slo_saturation(target, parameter, points);
  Saturation out{target, std::nullopt, "throughput", false, {}};
  std::vector<const SweepPoint*> measured;
  for (const SweepPoint& point : points) {
    if (point.requests_per_s) measured.push_back(&point);
  }
  if (measured.size() < 2) {
    out.text = fmt::format("{}: too few measured values to see where throughput stops growing", target);
    return out;
  }
  for (std::size_t i = 0; i + 1 < measured.size(); ++i) {
    const double from = *measured[i]->requests_per_s, to = *measured[i + 1]->requests_per_s;
    const double growth = from > 0 ? to / from - 1 : (to > 0 ? INFINITY : 0.0);
    if (growth >= kSaturationGrowth) continue;
    out.value = measured[i]->value;
    out.reached = true;
    out.text = fmt::format("{}: saturates at {} {} (throughput {} from {} to {})", target, parameter,
                           format_grouped(measured[i]->value), growth_text(growth), format_grouped(measured[i]->value),
                           format_grouped(measured[i + 1]->value));
    return out;
  }
  const SweepPoint& last = *measured.back();
  const SweepPoint& before = *measured[measured.size() - 2];
  out.value = last.value;
  const double growth = *before.requests_per_s > 0 ? *last.requests_per_s / *before.requests_per_s - 1 : INFINITY;
  out.text = fmt::format("{}: throughput still grows at {} {} ({} from {}); no saturation in the measured range", target,
                         parameter, format_grouped(last.value),
                         std::isfinite(growth) ? growth_text(growth) : std::string("up"), format_grouped(before.value));
  return out;
}

}  // namespace ttft::report
