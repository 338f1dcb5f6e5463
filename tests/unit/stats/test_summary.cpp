#include <catch2/catch.hpp>

#include "stats/summary.hpp"

using ttft::stats::summarize;

TEST_CASE("an empty sample summarises to no values") {
  const auto summary = summarize({});
  CHECK(summary.n == 0);
  CHECK_FALSE(summary.mean.has_value());
  CHECK_FALSE(summary.stdev.has_value());
  CHECK_FALSE(summary.min.has_value());
  CHECK_FALSE(summary.p50.has_value());
  CHECK_FALSE(summary.p99.has_value());
  CHECK_FALSE(summary.max.has_value());
}

TEST_CASE("one value has a mean and percentiles but no stdev") {
  const auto summary = summarize({42});
  CHECK(summary.n == 1);
  CHECK(*summary.mean == 42);
  CHECK_FALSE(summary.stdev.has_value());
  CHECK(*summary.min == 42);
  CHECK(*summary.p50 == 42);
  CHECK(*summary.p95 == 42);
  CHECK(*summary.max == 42);
}

TEST_CASE("summary figures of a small sample") {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32 / 7.
  const auto summary = summarize({9, 4, 5, 2, 7, 4, 5, 4});
  CHECK(summary.n == 8);
  CHECK(*summary.mean == Approx(5.0));
  CHECK(*summary.stdev == Approx(2.138089935299395));  // sqrt(32 / 7)
  CHECK(*summary.min == 2);
  CHECK(*summary.max == 9);
  CHECK(*summary.p50 == Approx(4.5));    // h = 3.5 → (4 + 5) / 2
  CHECK(*summary.p95 == Approx(8.3));    // h = 6.65 → 7 + 0.65 * 2
  CHECK(*summary.p99 == Approx(8.86));   // h = 6.93 → 7 + 0.93 * 2
}

TEST_CASE("stdev is stable for large values with a small spread") {
  // 1e9 + {1, 2, 3}: stdev 1, which a naive sum of squares would lose to cancellation.
  const auto summary = summarize({1e9 + 1, 1e9 + 2, 1e9 + 3});
  CHECK(*summary.stdev == Approx(1.0).epsilon(1e-9));
}
