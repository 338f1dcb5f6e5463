// Student's t distribution: its CDF through the regularized incomplete beta function, and its
// quantile by bisection on that CDF (for intervals of small-sample estimates). Pure math.
#pragma once

namespace ttft::stats {

/// The regularized incomplete beta function I_x(a, b) for x in [0, 1] and a, b > 0 (Lentz's
/// continued fraction, Numerical Recipes §6.4), to about 1e-14 relative.
double regularized_incomplete_beta(double x, double a, double b);

/// P(T ≤ t) for Student's t with `dof` > 0 degrees of freedom.
double student_t_cdf(double t, double dof);

/// The t with P(T ≤ t) = p, for p in (0, 1) and `dof` > 0, to 1e-9 relative
/// (student_t_quantile(0.975, 10) = 2.228139).
double student_t_quantile(double p, double dof);

}  // namespace ttft::stats
