// Student's t by its relation to the incomplete beta: for t ≥ 0, P(T > t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2.
#include "stats/student_t.hpp"

#include <cmath>
#include <initializer_list>

#include "core/check.hpp"

namespace ttft::stats {
namespace {

constexpr int kMaxIterations = 300;
constexpr double kEpsilon = 1e-15;
constexpr double kTiny = 1e-300;

// The continued fraction of I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2).
double beta_fraction(double x, double a, double b) {
  double c = 1;
  double d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    for (const double step : {m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
                              -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))}) {
      d = 1 + step * d;
      if (std::fabs(d) < kTiny) d = kTiny;
      c = 1 + step / c;
      if (std::fabs(c) < kTiny) c = kTiny;
      d = 1 / d;
      h *= d * c;
    }
    if (std::fabs(d * c - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  TTFT_CHECK(x >= 0 && x <= 1 && a > 0 && b > 0, "incomplete beta outside its domain");
  if (x == 0 || x == 1) return x;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges fast only below the mean; above it, use I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

double student_t_cdf(double t, double dof) {
  TTFT_CHECK(dof > 0, "Student's t needs degrees of freedom above zero");
  const double tail = 0.5 * regularized_incomplete_beta(dof / (dof + t * t), dof / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double dof) {
  TTFT_CHECK(p > 0 && p < 1 && dof > 0, "t quantile outside its domain");
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, dof);
  double high = 1;
  while (student_t_cdf(high, dof) < p) high *= 2;
  double low = high == 1 ? 0 : high / 2;  // the last doubling's start is still below p
  // Bisection: the CDF is monotone, and 200 halvings reach the double's resolution.
  for (int i = 0; i < 200 && high - low > 1e-12 * high; ++i) {
    const double mid = (low + high) / 2;
    (student_t_cdf(mid, dof) < p ? low : high) = mid;
  }
  return (low + high) / 2;
}

}  // namespace ttft::stats
