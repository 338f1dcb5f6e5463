#include <catch2/catch.hpp>

#include <vector>

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
