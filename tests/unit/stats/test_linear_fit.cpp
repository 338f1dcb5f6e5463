// Least squares against a fit worked by hand, merge against one pass, and precision far from 0.
#include <catch2/catch.hpp>

#include "stats/linear_fit.hpp"

using ttft::stats::fit_line;
using ttft::stats::LinearFitAccumulator;

namespace {

LinearFitAccumulator points(const std::vector<std::pair<double, double>>& xy) {
  LinearFitAccumulator acc;
  for (const auto& [x, y] : xy) acc.add(x, y);
  return acc;
}

}  // namespace

TEST_CASE("a fit worked by hand") {
  // x 1..5, y 2 4 5 4 5: Sxx 10, Sxy 6, Syy 6 → b 0.6, a 2.2; SSE 2.4, s² 0.8;
  // se(b) = √0.08, se(a) = √(0.8 · (1/5 + 9/10)); t(0.975, 3) = 3.182446.
  const auto fit = fit_line(points({{1, 2}, {2, 4}, {3, 5}, {4, 4}, {5, 5}}));
  REQUIRE(fit);
  CHECK(fit->n == 5);
  CHECK(fit->slope == Approx(0.6).epsilon(1e-12));
  CHECK(fit->intercept == Approx(2.2).epsilon(1e-12));
  CHECK(*fit->slope_se == Approx(0.2828427).epsilon(1e-6));
  CHECK(*fit->intercept_se == Approx(0.9380832).epsilon(1e-6));
  CHECK(fit->slope_ci->low == Approx(0.6 - 3.182446 * 0.2828427).epsilon(1e-6));
  CHECK(fit->slope_ci->high == Approx(0.6 + 3.182446 * 0.2828427).epsilon(1e-6));
  CHECK(fit->intercept_ci->low == Approx(2.2 - 3.182446 * 0.9380832).epsilon(1e-6));
}

TEST_CASE("a fit needs two distinct x, and three points for intervals") {
  CHECK_FALSE(fit_line(points({})));
  CHECK_FALSE(fit_line(points({{1, 5}})));
  CHECK_FALSE(fit_line(points({{2, 5}, {2, 7}, {2, 9}})));
  const auto two = fit_line(points({{1, 3}, {3, 7}}));
  REQUIRE(two);
  CHECK(two->slope == Approx(2));
  CHECK(two->intercept == Approx(1));
  CHECK_FALSE(two->slope_ci);
  CHECK_FALSE(two->intercept_se);
}

TEST_CASE("merged accumulators fit as one pass does") {
  std::vector<std::pair<double, double>> all;
  for (int i = 0; i < 40; ++i) all.emplace_back(100.0 * i, 50 + 0.3 * i + (i % 7) - 3);
  const LinearFitAccumulator whole = points(all);
  LinearFitAccumulator left = points({all.begin(), all.begin() + 13});
  left.merge(points({all.begin() + 13, all.end()}));
  LinearFitAccumulator empty;
  empty.merge(left);
  for (const LinearFitAccumulator* acc : {&left, &empty}) {
    CHECK(acc->n() == 40);
    CHECK(acc->sxx() == Approx(whole.sxx()).epsilon(1e-12));
    CHECK(acc->sxy() == Approx(whole.sxy()).epsilon(1e-12));
    CHECK(acc->syy() == Approx(whole.syy()).epsilon(1e-12));
    CHECK(acc->min_x() == 0);
    CHECK(acc->max_x() == 3900);
  }
  CHECK(fit_line(left)->slope == Approx(fit_line(whole)->slope).epsilon(1e-12));
}

TEST_CASE("co-moments keep their precision far from zero") {
  // Raw sums of squares near 1e18 would lose the whole signal; deviations about the mean do not.
  LinearFitAccumulator acc;
  for (int i = 0; i < 1000; ++i) acc.add(1e9 + i, 2e9 + 3.0 * i + (i % 2 == 0 ? 0.5 : -0.5));
  const auto fit = fit_line(acc);
  REQUIRE(fit);
  // The alternating ±0.5 correlates with i by Σ(i − x̄)e_i = −250 over Sxx = n(n² − 1)/12.
  CHECK(fit->slope == Approx(3 - 250 / 83333250.0).epsilon(1e-9));
  CHECK(*fit->slope_se < 1e-3);
}
