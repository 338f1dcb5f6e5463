// Ordinary least squares y = a + b·x from points added one at a time (or merged), with standard
// errors and Student's t intervals for a and b. Pure math; O(1) memory however many points.
#pragma once

#include <cstddef>
#include <optional>

#include "stats/bootstrap.hpp"

namespace ttft::stats {

/// Running means and co-moments of (x, y) (Welford's update, Chan et al.'s merge), so a fit over
/// a million rows streams and loses no precision to large sums of squares.
class LinearFitAccumulator {
 public:
  void add(double x, double y);
  /// As if every point added to `other` had been added here.
  void merge(const LinearFitAccumulator& other);

  std::size_t n() const { return n_; }
  double mean_x() const { return mean_x_; }
  double mean_y() const { return mean_y_; }
  double sxx() const { return sxx_; }  // Σ(x − x̄)²
  double syy() const { return syy_; }  // Σ(y − ȳ)²
  double sxy() const { return sxy_; }  // Σ(x − x̄)(y − ȳ)
  double min_x() const { return min_x_; }  // 0 when n = 0
  double max_x() const { return max_x_; }

 private:
  std::size_t n_ = 0;
  double mean_x_ = 0, mean_y_ = 0, sxx_ = 0, syy_ = 0, sxy_ = 0, min_x_ = 0, max_x_ = 0;
};

struct LineFit {
  std::size_t n = 0;
  double intercept = 0;  // a
  double slope = 0;      // b
  // With n ≥ 3 (n − 2 degrees of freedom for the residual variance); nullopt below.
  std::optional<double> intercept_se, slope_se;
  std::optional<Interval> intercept_ci, slope_ci;  // estimate ± t(1 − (1 − confidence)/2, n − 2) · se
};

/// The least-squares line through the accumulated points: b = Sxy / Sxx, a = ȳ − b·x̄; with
/// s² = (Syy − Sxy²/Sxx) / (n − 2), se(b) = √(s²/Sxx) and se(a) = √(s²(1/n + x̄²/Sxx)).
/// nullopt with fewer than 2 points or when every x is the same.
std::optional<LineFit> fit_line(const LinearFitAccumulator& points, double confidence = 0.95);

}  // namespace ttft::stats
