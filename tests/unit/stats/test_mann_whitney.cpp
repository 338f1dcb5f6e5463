#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "core/random.hpp"

#include "stats/mann_whitney.hpp"

using ttft::stats::mann_whitney;
using ttft::stats::mann_whitney_exact;

TEST_CASE("Mann-Whitney needs two non-empty samples") {
  const std::vector<double> some{1, 2};
  CHECK_FALSE(mann_whitney({}, some).has_value());
  CHECK_FALSE(mann_whitney(some, {}).has_value());
  CHECK_FALSE(mann_whitney_exact({}, some).has_value());
}

TEST_CASE("Mann-Whitney asymptotic p for completely separated samples") {
  // a = {1, 2, 3}, b = {4, 5, 6}: ranks of a 1 + 2 + 3 = 6, U_a = 6 - 3 * 4 / 2 = 0, U_b = 9.
  // mu = 9 / 2 = 4.5, sigma = sqrt(3 * 3 * 7 / 12) = 2.29129, z = (9 - 4.5 - 0.5) / sigma =
  // 1.745743, p = 2 * (1 - Phi(1.745743)) = 0.0808556 (scipy asymptotic, use_continuity=True).
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{4, 5, 6};
  const auto result = mann_whitney(a, b);
  REQUIRE(result.has_value());
  CHECK(result->u == 0);
  CHECK(result->p_value == Approx(0.0808556).epsilon(1e-5));
  const auto reversed = mann_whitney(b, a);
  CHECK(reversed->u == 9);
  CHECK(reversed->p_value == Approx(result->p_value));
}

TEST_CASE("Mann-Whitney asymptotic p with ties") {
  // Pooled sorted: 1 2 2 2 3 3 4 5 (a = {1, 2, 2, 3}, b = {2, 3, 4, 5}); ranks 1, 3, 3, 3, 5.5,
  // 5.5, 7, 8. R_a = 1 + 3 + 3 + 5.5 = 12.5, U_a = 12.5 - 10 = 2.5, U_b = 13.5, mu = 8.
  // Ties: t = 3 and t = 2 give sum(t^3 - t) = 24 + 6 = 30; sigma^2 = 16 / 12 * (9 - 30 / 56)
  // = 11.285714, sigma = 3.359422; z = (13.5 - 8 - 0.5) / sigma = 1.488351; p = 0.1366582.
  const std::vector<double> a{1, 2, 2, 3};
  const std::vector<double> b{2, 3, 4, 5};
  const auto result = mann_whitney(a, b);
  REQUIRE(result.has_value());
  CHECK(result->u == 2.5);
  CHECK(result->p_value == Approx(0.1366582).epsilon(1e-5));
}

TEST_CASE("Mann-Whitney with every value tied is no evidence") {
  const std::vector<double> a{5, 5};
  const std::vector<double> b{5, 5, 5};
  const auto result = mann_whitney(a, b);
  REQUIRE(result.has_value());
  CHECK(result->u == 3);
  CHECK(result->p_value == 1);
}

TEST_CASE("Mann-Whitney exact p from the permutation distribution") {
  // a = {1, 2, 3}, b = {4, 5, 6}: only 1 of the C(6, 3) = 20 arrangements has U >= 9,
  // so p = 2 * 1 / 20 = 0.1.
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{4, 5, 6};
  CHECK(mann_whitney_exact(a, b)->p_value == Approx(0.1));
  CHECK(mann_whitney_exact(a, b)->u == 0);
  // a = {1, 3}, b = {2, 4, 5}: U_a = 1, U_b = 5. The counts of U for sizes 2 and 3 are the
  // coefficients of [5 choose 2]_q = 1 + q + 2q^2 + 2q^3 + 2q^4 + q^5 + q^6, so
  // P(U >= 5) = 2 / 10 and p = 0.4.
  const std::vector<double> c{1, 3};
  const std::vector<double> d{2, 4, 5};
  CHECK(mann_whitney_exact(c, d)->p_value == Approx(0.4));
  CHECK(mann_whitney_exact(d, c)->p_value == Approx(0.4));
  // Interleaved samples: p is capped at 1.
  const std::vector<double> e{1, 4};
  const std::vector<double> f{2, 3};
  CHECK(mann_whitney_exact(e, f)->p_value == 1);
}

TEST_CASE("Mann-Whitney exact is undefined with ties or large samples") {
  const std::vector<double> a{1, 2, 2};
  const std::vector<double> b{3, 4};
  CHECK_FALSE(mann_whitney_exact(a, b).has_value());
  std::vector<double> big_a;
  std::vector<double> big_b;
  for (int i = 0; i < 31; ++i) {
    big_a.push_back(2 * i);
    big_b.push_back(2 * i + 1);
  }
  CHECK_FALSE(mann_whitney_exact(big_a, big_b).has_value());
  big_a.pop_back();
  big_b.pop_back();
  const auto result = mann_whitney_exact(big_a, big_b);
  REQUIRE(result.has_value());
  CHECK(result->p_value > 0.5);
}

TEST_CASE("Mann-Whitney ranks by merging: U and p from pair counts, with many ties") {
  // U_a counted pair by pair (x > y counts 1, x == y one half) and sigma from tie groups counted
  // directly: an independent check of the merge that ranks the pooled samples.
  ttft::Rng rng(21);
  std::vector<double> a(300), b(400);
  for (double& v : a) v = static_cast<double>(rng.below(40));
  for (double& v : b) v = static_cast<double>(rng.below(50)) - 5;
  a[0] = -0.0;  // equal to 0.0: one tie group, whichever sign sorts first
  b[0] = 0.0;
  double u_a = 0;
  for (const double x : a) {
    for (const double y : b) u_a += x > y ? 1 : (x == y ? 0.5 : 0);
  }
  std::map<double, double> group_sizes;
  for (const double v : a) ++group_sizes[v];
  for (const double v : b) ++group_sizes[v];
  double tie_term = 0;
  for (const auto& [value, t] : group_sizes) tie_term += t * t * t - t;
  const double n_a = 300, n_b = 400, n = 700;
  const double sigma = std::sqrt(n_a * n_b / 12 * ((n + 1) - tie_term / (n * (n - 1))));
  const double z = (std::max(u_a, n_a * n_b - u_a) - n_a * n_b / 2 - 0.5) / sigma;
  const auto result = mann_whitney(a, b);
  REQUIRE(result.has_value());
  CHECK(result->u == u_a);
  CHECK(result->p_value == Approx(std::erfc(z / std::sqrt(2.0))).epsilon(1e-12));
  std::vector<double> sorted_a = a, sorted_b = b;
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  const auto sorted = ttft::stats::mann_whitney_sorted(sorted_a, sorted_b);
  CHECK(sorted->u == result->u);
  CHECK(sorted->p_value == result->p_value);
  CHECK_FALSE(ttft::stats::mann_whitney_sorted({}, sorted_b).has_value());
}
