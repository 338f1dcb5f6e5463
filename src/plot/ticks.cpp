#include "plot/ticks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace ttft::plot {
namespace {

constexpr std::array kNiceSteps{1.0, 2.0, 2.5, 5.0, 10.0};
constexpr int kMaxDecimals = 6;
constexpr double kDecadesForDecadeTicks = 3;

// The nice step nearest above range / (target - 1), so about `target` ticks fit.
double nice_step(double range, int target) {
  const double raw = range / std::max(target - 1, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double nice : kNiceSteps) {
    if (nice * magnitude >= raw * (1 - 1e-9)) return nice * magnitude;
  }
  return 10 * magnitude;
}

std::string trimmed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, std::clamp(decimals, 0, kMaxDecimals));
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

int decimals_for(double magnitude) {
  return magnitude <= 0 ? 0 : static_cast<int>(std::ceil(-std::log10(magnitude) - 1e-9)) + 1;
}

}  // namespace

Ticks linear_ticks(double lo, double hi, int target) {
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo <= 0) {
    const double half = lo == 0 ? 1 : std::abs(lo) / 2;
    lo -= half;
    hi += half;
  }
  Ticks ticks;
  ticks.step = nice_step(hi - lo, target);
  const double first = std::floor(lo / ticks.step + 1e-9);
  const double last = std::ceil(hi / ticks.step - 1e-9);
  ticks.domain = {first * ticks.step, last * ticks.step};
  for (double i = first; i <= last + 1e-9; i += 1) ticks.values.push_back(i * ticks.step);
  return ticks;
}

Ticks log_ticks(double lo, double hi) {
  if (hi <= 0) hi = 1;
  if (lo <= 0 || lo > hi) lo = hi / 10;
  const double first_decade = std::floor(std::log10(lo) + 1e-9);
  double last_decade = std::ceil(std::log10(hi) - 1e-9);
  if (last_decade <= first_decade) last_decade = first_decade + 1;
  const bool decades_only = last_decade - first_decade > kDecadesForDecadeTicks;
  // Candidates: every decade, or 1-2-5 within each; the domain runs from the last candidate at
  // or below lo to the first at or above hi.
  std::vector<double> candidates;
  for (double decade = first_decade; decade <= last_decade; decade += 1) {
    const double base = std::pow(10.0, decade);
    for (double multiple : {1.0, 2.0, 5.0}) {
      if (!decades_only || multiple == 1.0) candidates.push_back(base * multiple);
    }
  }
  Ticks ticks;
  ticks.domain = {candidates.front(), candidates.back()};
  for (double value : candidates) {
    if (value <= lo * (1 + 1e-9)) ticks.domain.min = value;
  }
  for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
    if (*it >= hi * (1 - 1e-9)) ticks.domain.max = *it;
  }
  for (double value : candidates) {
    if (value >= ticks.domain.min && value <= ticks.domain.max) ticks.values.push_back(value);
  }
  return ticks;
}

std::string format_tick(double value, double step) {
  const double magnitude = std::abs(value);
  if (magnitude >= 1e6 && (step == 0 || step >= 1e5)) return trimmed(value / 1e6, decimals_for(step / 1e6)) + "M";
  if (magnitude >= 1e4 && (step == 0 || step >= 100)) return trimmed(value / 1e3, decimals_for(step / 1e3)) + "k";
  if (step > 0) return trimmed(value, decimals_for(step - std::floor(step)));
  // Log axes: the value's own first significant digit decides.
  return trimmed(value, magnitude >= 1 ? 0 : decimals_for(magnitude) - 1);
}

}  // namespace ttft::plot
