#include <catch2/catch.hpp>

#include <vector>

#include "stats/percentile.hpp"

using ttft::stats::percentile;
using ttft::stats::percentile_sorted;

TEST_CASE("percentiles of an empty sample have no value") {
  CHECK_FALSE(percentile({}, 50).has_value());
  CHECK_FALSE(percentile_sorted({}, 0).has_value());
}

TEST_CASE("every percentile of one value is that value") {
  for (const double p : {0.0, 50.0, 95.0, 99.0, 100.0}) CHECK(*percentile({7.5}, p) == 7.5);
}

TEST_CASE("type-7 percentiles interpolate between order statistics") {
  // [1, 2]: h = 1 * p / 100, so p50 = 1 + 0.5 = 1.5 and p95 = 1 + 0.95 = 1.95.
  CHECK(*percentile({2, 1}, 50) == 1.5);
  CHECK(*percentile({1, 2}, 95) == Approx(1.95).epsilon(1e-15));
  // [1, 2, 3, 4] p25: h = 3 * 0.25 = 0.75 → 1 + 0.75 * (2 - 1) = 1.75.
  CHECK(*percentile({4, 3, 2, 1}, 25) == 1.75);
  // numpy.percentile([15, 20, 35, 40, 50], p): h = 4p/100.
  const std::vector<double> five{15, 20, 35, 40, 50};
  CHECK(*percentile(five, 0) == 15);
  CHECK(*percentile(five, 5) == Approx(16.0));    // h = 0.2 → 15 + 0.2 * 5
  CHECK(*percentile(five, 30) == Approx(23.0));   // h = 1.2 → 20 + 0.2 * 15
  CHECK(*percentile(five, 40) == Approx(29.0));   // h = 1.6 → 20 + 0.6 * 15
  CHECK(*percentile(five, 50) == 35);             // h = 2
  CHECK(*percentile(five, 95) == Approx(48.0));   // h = 3.8 → 40 + 0.8 * 10
  CHECK(*percentile(five, 99) == Approx(49.6));   // h = 3.96 → 40 + 0.96 * 10
  CHECK(*percentile(five, 100) == 50);
}

TEST_CASE("sorted and unsorted entry points agree on a ten-value sample") {
  // Sorted: 0.9 1.5 2.6 3.2 4.4 5.0 6.7 7.1 8.3 9.8; h = 9p/100.
  const std::vector<double> values{3.2, 1.5, 9.8, 4.4, 7.1, 2.6, 5.0, 8.3, 6.7, 0.9};
  const std::vector<double> sorted{0.9, 1.5, 2.6, 3.2, 4.4, 5.0, 6.7, 7.1, 8.3, 9.8};
  CHECK(*percentile(values, 10) == Approx(1.44));    // h = 0.9 → 0.9 + 0.9 * 0.6
  CHECK(*percentile(values, 50) == Approx(4.7));     // h = 4.5 → (4.4 + 5.0) / 2
  CHECK(*percentile(values, 90) == Approx(8.45));    // h = 8.1 → 8.3 + 0.1 * 1.5
  CHECK(*percentile(values, 95) == Approx(9.125));   // h = 8.55 → 8.3 + 0.55 * 1.5
  CHECK(*percentile(values, 99) == Approx(9.665));   // h = 8.91 → 8.3 + 0.91 * 1.5
  for (double p = 0; p <= 100; p += 2.5) {
    INFO(p);
    CHECK(*percentile(values, p) == *percentile_sorted(sorted, p));
  }
}

TEST_CASE("percentiles never decrease as p grows") {
  const std::vector<double> values{0.3, 12.0, 12.0, 5.5, 0.1, 99.0, 42.0};
  double previous = *percentile(values, 0);
  for (double p = 0.25; p <= 100; p += 0.25) {
    const double value = *percentile(values, p);
    INFO(p);
    CHECK(value >= previous);
    previous = value;
  }
  CHECK(*percentile({5, 5, 5}, 37) == 5);
}

TEST_CASE("small samples are flagged per percentile") {
  using ttft::stats::min_samples_for;
  using ttft::stats::too_few_for;
  CHECK(min_samples_for(50) == 5);
  CHECK(min_samples_for(95) == 20);
  CHECK(min_samples_for(99) == 100);
  CHECK(min_samples_for(99.9) == 1000);
  CHECK(min_samples_for(5) == 20);
  CHECK(min_samples_for(25) == 5);
  CHECK(min_samples_for(0) == 1);
  CHECK(min_samples_for(100) == 1);
  CHECK(too_few_for(95, 19));
  CHECK_FALSE(too_few_for(95, 20));
  CHECK(too_few_for(50, 4));
  CHECK_FALSE(too_few_for(50, 5));
  CHECK(too_few_for(99, 99));
  CHECK_FALSE(too_few_for(99, 100));
}

TEST_CASE("percentiles with failures ranked above every success") {
  using ttft::stats::percentile_with_failures;
  const std::vector<double> four{10, 20, 30, 40};
  // N = 4 successes + 1 failure = 5 values; h = 4p/100; x[4] is the failure.
  CHECK(*percentile_with_failures(four, 1, 25) == 20);          // h = 1
  CHECK(*percentile_with_failures(four, 1, 50) == 30);          // h = 2
  CHECK(*percentile_with_failures(four, 1, 60) == Approx(34));  // h = 2.4 → 30 + 0.4 * 10
  CHECK(*percentile_with_failures(four, 1, 75) == 40);          // h = 3: the last success exactly
  CHECK_FALSE(percentile_with_failures(four, 1, 80));           // h = 3.2: 0.2 of the way to the failure
  CHECK_FALSE(percentile_with_failures(four, 1, 95));           // h = 3.8
  CHECK_FALSE(percentile_with_failures(four, 1, 100));          // h = 4: the failure itself
  // Half the requests failed: the median's rank is among the failures.
  CHECK_FALSE(percentile_with_failures(four, 4, 50));           // N = 8, h = 3.5
  CHECK(*percentile_with_failures(four, 4, 25) == Approx(27.5));  // h = 1.75 → 20 + 0.75 * 10
}

TEST_CASE("percentiles with failures: where the tail crosses into the failures") {
  using ttft::stats::percentile_with_failures;
  std::vector<double> successes;
  for (int i = 1; i <= 39; ++i) successes.push_back(i);  // 1..39, then one failure: N = 40
  // p95: h = 39 * 0.95 = 37.05 → x[37] + 0.05 (x[38] - x[37]) = 38.05, both successes.
  CHECK(*percentile_with_failures(successes, 1, 95) == Approx(38.05));
  // p99: h = 38.61 → between x[38] = 39 and the failure.
  CHECK_FALSE(percentile_with_failures(successes, 1, 99));
  // Three failures (N = 42): p95's h = 38.95 sits between the last success and a failure.
  CHECK_FALSE(percentile_with_failures(successes, 3, 95));
  CHECK(*percentile_with_failures(successes, 3, 90) == Approx(37.9));  // h = 36.9 → 37 + 0.9
}

TEST_CASE("percentiles with failures: none, or nothing at all") {
  using ttft::stats::percentile_with_failures;
  using ttft::stats::percentile_sorted;
  const std::vector<double> five{15, 20, 35, 40, 50};
  for (const double p : {0.0, 5.0, 50.0, 95.0, 99.0, 100.0}) {
    CHECK(percentile_with_failures(five, 0, p) == percentile_sorted(five, p));
  }
  CHECK_FALSE(percentile_with_failures({}, 0, 50));
  CHECK_FALSE(percentile_with_failures({}, 3, 0));   // every request failed
  CHECK_FALSE(percentile_with_failures({}, 3, 100));
}

TEST_CASE("percentiles with failures ranked below every success (a rate, higher is better)") {
  using ttft::stats::FailureRank;
  using ttft::stats::percentile_with_failures;
  const std::vector<double> rates{5, 6, 7, 8};
  // N = 6: x[0], x[1] are the failures, then 5 6 7 8; h = 5p/100.
  CHECK(*percentile_with_failures(rates, 2, 50, FailureRank::below) == Approx(5.5));   // h = 2.5
  CHECK(*percentile_with_failures(rates, 2, 95, FailureRank::below) == Approx(7.75));  // h = 4.75
  CHECK(*percentile_with_failures(rates, 2, 100, FailureRank::below) == 8);
  CHECK_FALSE(percentile_with_failures(rates, 2, 25, FailureRank::below));  // h = 1.25: a failure
  CHECK_FALSE(percentile_with_failures(rates, 2, 0, FailureRank::below));
}
