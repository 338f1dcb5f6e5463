// Proportions against values worked out by hand from the formulas, and against the worked examples
// of Newcombe (1998), "Two-sided confidence intervals for the single proportion" and "Interval
// estimation for the difference between independent proportions", Statistics in Medicine 17.
#include <catch2/catch.hpp>

#include "stats/proportion.hpp"

using ttft::stats::newcombe_difference_interval;
using ttft::stats::Proportion;
using ttft::stats::two_proportion_p_value;
using ttft::stats::wilson_interval;

TEST_CASE("a proportion's value") {
  CHECK(*Proportion{3, 4}.value() == 0.75);
  CHECK_FALSE(Proportion{0, 0}.value());
}

TEST_CASE("Wilson score interval") {
  // 8 of 10: p = 0.8, z² = 3.8415; centre (0.8 + 0.19207) / 1.38415 = 0.71673,
  // half-width 1.95996 / 1.38415 * sqrt(0.016 + 0.0096037) = 0.22658.
  const auto eight = wilson_interval({8, 10});
  REQUIRE(eight);
  CHECK(eight->low == Approx(0.4901625).epsilon(1e-6));
  CHECK(eight->high == Approx(0.9433178).epsilon(1e-6));
  // Newcombe's example: 81 of 263 → 0.2553 to 0.3662.
  const auto example = wilson_interval({81, 263});
  CHECK(example->low == Approx(0.2553).margin(5e-5));
  CHECK(example->high == Approx(0.3662).margin(5e-5));
}

TEST_CASE("Wilson interval at the ends stays in [0, 1], exactly") {
  // 0 of 10: upper = z² / (n + z²) = 3.8415 / 13.8415 = 0.27753.
  const auto none = wilson_interval({0, 10});
  CHECK(none->low == 0);
  CHECK(none->high == Approx(0.2775328).epsilon(1e-6));
  const auto all = wilson_interval({10, 10});
  CHECK(all->low == Approx(0.7224672).epsilon(1e-6));
  CHECK(all->high == 1);
  CHECK_FALSE(wilson_interval({0, 0}));
}

TEST_CASE("two-proportion z-test") {
  // 10 of 50 against 0 of 50: pooled 0.1, se = sqrt(0.1 * 0.9 * (2 / 50)) = 0.06,
  // z = 0.2 / 0.06 = 3.333, p = erfc(3.333 / sqrt 2) = 0.000858.
  CHECK(*two_proportion_p_value({10, 50}, {0, 50}) == Approx(0.0008581).epsilon(1e-3));
  // Symmetric in its two sides.
  CHECK(*two_proportion_p_value({0, 50}, {10, 50}) == *two_proportion_p_value({10, 50}, {0, 50}));
  // 56/70 against 48/80: pooled 104/150, z = 0.2 / 0.07546 = 2.650, p = 0.00805.
  CHECK(*two_proportion_p_value({56, 70}, {48, 80}) == Approx(0.008045).epsilon(1e-3));
  // Equal proportions give p = 1; nothing to tell apart (all or none) too.
  CHECK(*two_proportion_p_value({5, 10}, {10, 20}) == Approx(1.0));
  CHECK(*two_proportion_p_value({0, 10}, {0, 30}) == 1);
  CHECK(*two_proportion_p_value({10, 10}, {30, 30}) == 1);
  CHECK_FALSE(two_proportion_p_value({0, 0}, {1, 2}));
}

TEST_CASE("Newcombe's hybrid score interval of a difference") {
  // Newcombe (1998), method 10: 56/70 − 48/80 = 0.2, interval 0.0524 to 0.3339;
  // 9/10 − 3/10 = 0.6, interval 0.1705 to 0.8090.
  const auto first = newcombe_difference_interval({56, 70}, {48, 80});
  REQUIRE(first);
  CHECK(first->low == Approx(0.0524).margin(5e-5));
  CHECK(first->high == Approx(0.3339).margin(5e-5));
  const auto second = newcombe_difference_interval({9, 10}, {3, 10});
  CHECK(second->low == Approx(0.1705).margin(5e-5));
  CHECK(second->high == Approx(0.8090).margin(5e-5));
  // Swapping the sides mirrors the interval.
  const auto swapped = newcombe_difference_interval({48, 80}, {56, 70});
  CHECK(swapped->low == Approx(-first->high));
  CHECK(swapped->high == Approx(-first->low));
  CHECK_FALSE(newcombe_difference_interval({1, 2}, {0, 0}));
}
