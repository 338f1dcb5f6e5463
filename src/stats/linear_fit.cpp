// Least squares from co-moments: the sums are kept about the running means, never as raw Σx².
#include "stats/linear_fit.hpp"

#include <algorithm>
#include <cmath>

#include "stats/student_t.hpp"

namespace ttft::stats {

void LinearFitAccumulator::add(double x, double y) {
  min_x_ = n_ == 0 ? x : std::min(min_x_, x);
  max_x_ = n_ == 0 ? x : std::max(max_x_, x);
  ++n_;
  const double dx = x - mean_x_;
  mean_x_ += dx / static_cast<double>(n_);
  const double dy = y - mean_y_;
  mean_y_ += dy / static_cast<double>(n_);
  // Welford: the old deviation times the new one.
  sxx_ += dx * (x - mean_x_);
  syy_ += dy * (y - mean_y_);
  sxy_ += dx * (y - mean_y_);
}

void LinearFitAccumulator::merge(const LinearFitAccumulator& o) {
  if (o.n_ == 0) return;
  if (n_ == 0) {
    *this = o;
    return;
  }
  const double na = static_cast<double>(n_), nb = static_cast<double>(o.n_), n = na + nb;
  const double dx = o.mean_x_ - mean_x_, dy = o.mean_y_ - mean_y_;
  // Chan, Golub and LeVeque's pairwise update of the co-moments.
  sxx_ += o.sxx_ + dx * dx * na * nb / n;
  syy_ += o.syy_ + dy * dy * na * nb / n;
  sxy_ += o.sxy_ + dx * dy * na * nb / n;
  mean_x_ += dx * nb / n;
  mean_y_ += dy * nb / n;
  min_x_ = std::min(min_x_, o.min_x_);
  max_x_ = std::max(max_x_, o.max_x_);
  n_ += o.n_;
}

std::optional<LineFit> fit_line(const LinearFitAccumulator& p, double confidence) {
  if (p.n() < 2 || !(p.sxx() > 0)) return std::nullopt;
  LineFit fit;
  fit.n = p.n();
  fit.slope = p.sxy() / p.sxx();
  fit.intercept = p.mean_y() - fit.slope * p.mean_x();
  if (p.n() < 3) return fit;
  const double n = static_cast<double>(p.n());
  const double residual = std::max(0.0, p.syy() - p.sxy() * p.sxy() / p.sxx());
  const double s2 = residual / (n - 2);
  fit.slope_se = std::sqrt(s2 / p.sxx());
  fit.intercept_se = std::sqrt(s2 * (1 / n + p.mean_x() * p.mean_x() / p.sxx()));
  const double t = student_t_quantile(1 - (1 - confidence) / 2, n - 2);
  fit.slope_ci = Interval{fit.slope - t * *fit.slope_se, fit.slope + t * *fit.slope_se};
  fit.intercept_ci = Interval{fit.intercept - t * *fit.intercept_se, fit.intercept + t * *fit.intercept_se};
  return fit;
}

}  // namespace ttft::stats
