// Student's t quantiles against printed table values, and the incomplete beta against closed forms.
#include <catch2/catch.hpp>

#include <cmath>

#include "stats/student_t.hpp"

using ttft::stats::regularized_incomplete_beta;
using ttft::stats::student_t_cdf;
using ttft::stats::student_t_quantile;

TEST_CASE("incomplete beta against closed forms") {
  CHECK(regularized_incomplete_beta(0.3, 1, 1) == Approx(0.3).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.3, 3, 1) == Approx(std::pow(0.3, 3)).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.3, 1, 2) == Approx(1 - 0.7 * 0.7).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.5, 7.5, 7.5) == Approx(0.5).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.0, 2, 3) == 0);
  CHECK(regularized_incomplete_beta(1.0, 2, 3) == 1);
}

TEST_CASE("t quantiles match the table") {
  // Two-sided 95% critical values, to the table's digits and to 1e-6 relative of exact values.
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.302652730).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 3) == Approx(3.182446305).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 10) == Approx(2.228138852).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272456).epsilon(1e-6));
  CHECK(student_t_quantile(0.95, 5) == Approx(2.015048373).epsilon(1e-6));
  CHECK(student_t_quantile(0.995, 20) == Approx(2.845339709).epsilon(1e-6));
  // Many degrees of freedom: the normal quantile.
  CHECK(student_t_quantile(0.975, 1e7) == Approx(1.959963985).epsilon(1e-6));
}

TEST_CASE("t quantile is symmetric and inverts the CDF") {
  CHECK(student_t_quantile(0.5, 4) == 0);
  CHECK(student_t_quantile(0.025, 10) == Approx(-2.228138852).epsilon(1e-6));
  for (const double dof : {1.0, 2.5, 7.0, 100.0}) {
    for (const double p : {0.6, 0.9, 0.999}) CHECK(student_t_cdf(student_t_quantile(p, dof), dof) == Approx(p).epsilon(1e-9));
  }
  // Cauchy (1 degree of freedom): P(T ≤ 1) = 3/4.
  CHECK(student_t_cdf(1, 1) == Approx(0.75).epsilon(1e-12));
}
