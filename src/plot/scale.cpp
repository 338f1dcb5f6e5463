#include "plot/scale.hpp"

#include <algorithm>
#include <cmath>

namespace ttft::plot {
namespace {

constexpr double kSmallestLogValue = 1e-12;  // keeps log10 finite for a degenerate domain

}  // namespace

Scale::Scale(Domain domain, double from_px, double to_px, bool log)
    : domain_(domain), from_px_(from_px), to_px_(to_px), log_(log) {}

Scale Scale::linear(Domain domain, double from_px, double to_px) { return {domain, from_px, to_px, false}; }

Scale Scale::log(Domain domain, double from_px, double to_px) {
  domain.min = std::max(domain.min, kSmallestLogValue);
  domain.max = std::max(domain.max, domain.min);
  return {domain, from_px, to_px, true};
}

double Scale::transform(double value) const {
  if (!log_) return value;
  return std::log10(std::max(value, domain_.min));
}

double Scale::operator()(double value) const {
  const double lo = transform(domain_.min);
  const double hi = transform(domain_.max);
  if (hi - lo <= 0) return (from_px_ + to_px_) / 2;
  return from_px_ + (transform(value) - lo) / (hi - lo) * (to_px_ - from_px_);
}

}  // namespace ttft::plot
