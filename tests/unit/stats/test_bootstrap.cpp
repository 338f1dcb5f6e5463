#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "core/random.hpp"
#include "stats/bootstrap.hpp"
#include "stats/percentile.hpp"
#include "core/random.hpp"

using ttft::stats::bootstrap_ci;
using ttft::stats::bootstrap_diff;

namespace {

// A deterministic, roughly normal sample: each value is 100 + the sum of 12 uniforms on
// [-5, 5) (Irwin-Hall), so mean 100 and stdev 10.
std::vector<double> normalish(std::size_t n, std::uint64_t seed) {
  ttft::Rng rng(seed);
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (int k = 0; k < 12; ++k) sum += static_cast<double>(rng.below(1'000'000)) / 1e5 - 5;
    values.push_back(100 + sum);
  }
  return values;
}

}  // namespace

TEST_CASE("the generator underneath is the standard's mt19937_64") {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64 is fixed.
  std::mt19937_64 engine;
  engine.discard(9999);
  CHECK(engine() == 9981545732273789042ULL);
}

TEST_CASE("Rng::below stays in range and reaches every value") {
  ttft::Rng rng(7);
  std::vector<int> seen(6, 0);
  for (int i = 0; i < 600; ++i) {
    const std::uint64_t value = rng.below(6);
    REQUIRE(value < 6);
    ++seen[value];
  }
  for (const int count : seen) CHECK(count > 50);
  CHECK(rng.below(1) == 0);
}

TEST_CASE("bootstrap of an empty sample has no interval, one value a point") {
  CHECK_FALSE(bootstrap_ci({}, 50, 1).has_value());
  const std::vector<double> one{3.5};
  const auto interval = bootstrap_ci(one, 95, 1);
  REQUIRE(interval.has_value());
  CHECK(interval->low == 3.5);
  CHECK(interval->high == 3.5);
}

TEST_CASE("bootstrap intervals are a function of the seed") {
  const std::vector<double> values = normalish(40, 11);
  const auto first = bootstrap_ci(values, 50, 1234);
  const auto again = bootstrap_ci(values, 50, 1234);
  const auto other = bootstrap_ci(values, 50, 4321);
  REQUIRE(first.has_value());
  CHECK(first->low == again->low);
  CHECK(first->high == again->high);
  CHECK((first->low != other->low || first->high != other->high));
}

TEST_CASE("a bootstrap interval brackets the sample's percentile") {
  const std::vector<double> values = normalish(1000, 99);
  const double p50 = *ttft::stats::percentile(values, 50);
  const auto interval = bootstrap_ci(values, 50, 5);
  REQUIRE(interval.has_value());
  CHECK(interval->low < p50);
  CHECK(p50 < interval->high);
  // The median's standard error is about 1.2533 * 10 / sqrt(1000) = 0.40, so the 95% interval
  // is roughly +-0.8 wide around the sample median, and certainly within +-3.
  CHECK(interval->high - interval->low > 0.5);
  CHECK(interval->high - interval->low < 3);
  // A narrower confidence level gives a narrower interval from the same resamples.
  const auto narrow = bootstrap_ci(values, 50, 5, 0.5);
  CHECK(narrow->high - narrow->low < interval->high - interval->low);
}

TEST_CASE("bootstrap difference of two samples") {
  const std::vector<double> a = normalish(200, 1);
  std::vector<double> b = normalish(200, 2);
  for (double& v : b) v += 20;  // b is 20 slower
  const auto result = bootstrap_diff(a, b, 50, 77);
  REQUIRE(result.has_value());
  CHECK(result->diff == *ttft::stats::percentile(a, 50) - *ttft::stats::percentile(b, 50));
  REQUIRE(result->ci.has_value());
  CHECK(result->ci->low < result->diff);
  CHECK(result->diff < result->ci->high);
  CHECK(result->ci->high < 0);  // the interval excludes "no difference"
  CHECK(result->ci->low > -26);

  const auto again = bootstrap_diff(a, b, 50, 77);
  CHECK(again->ci->low == result->ci->low);
  CHECK(again->ci->high == result->ci->high);
}

TEST_CASE("bootstrap difference edge cases") {
  const std::vector<double> one_a{10};
  const std::vector<double> one_b{4};
  CHECK_FALSE(bootstrap_diff({}, one_b, 50, 1).has_value());
  CHECK_FALSE(bootstrap_diff(one_a, {}, 50, 1).has_value());
  const auto points = bootstrap_diff(one_a, one_b, 50, 1);
  REQUIRE(points.has_value());
  CHECK(points->diff == 6);
  CHECK(points->ci->low == 6);
  CHECK(points->ci->high == 6);
}

namespace {

// The value-by-value bootstrap, written out as bootstrap.cpp did before large samples took the
// order-statistic path: small samples must keep exactly these intervals.
ttft::stats::Interval resampled_interval(const std::vector<double>& values, double p, std::uint64_t seed) {
  ttft::Rng rng(seed);
  std::vector<double> statistics;
  std::vector<double> scratch(values.size());
  for (int i = 0; i < ttft::stats::kDefaultResamples; ++i) {
    for (double& slot : scratch) slot = values[rng.below(values.size())];
    statistics.push_back(*ttft::stats::percentile_select(scratch, p));
  }
  return {*ttft::stats::percentile_select(statistics, 2.5), *ttft::stats::percentile_select(statistics, 97.5)};
}

std::vector<double> sorted(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

TEST_CASE("samples up to kMaxResampledValues keep the value-by-value intervals exactly") {
  for (const std::size_t n : {std::size_t{2}, std::size_t{37}, ttft::stats::kMaxResampledValues}) {
    const std::vector<double> values = normalish(n, n);
    const auto expected = resampled_interval(values, 95, 31);
    const auto interval = bootstrap_ci(values, 95, 31);
    const auto with_sorted = bootstrap_ci(values, sorted(values), 95, 31);
    INFO("n " << n);
    CHECK(interval->low == expected.low);
    CHECK(interval->high == expected.high);
    CHECK(with_sorted->low == expected.low);
    CHECK(with_sorted->high == expected.high);
  }
}

TEST_CASE("a large sample's interval agrees with value-by-value resampling") {
  // Both are Monte Carlo estimates of the same bootstrap interval with different random
  // numbers. The median's standard error here is ~0.23 and each endpoint's Monte Carlo error
  // ~0.015, so the two agree to well within 0.1 while the interval is ~0.9 wide.
  const std::vector<double> values = normalish(3000, 8);
  for (const double p : {50.0, 95.0}) {
    const auto reference = resampled_interval(values, p, 1);
    const auto interval = bootstrap_ci(values, p, 1);
    INFO("p " << p << ": [" << interval->low << ", " << interval->high << "] vs [" << reference.low << ", "
              << reference.high << "]");
    CHECK(interval->low == Approx(reference.low).margin(p == 50 ? 0.1 : 0.25));
    CHECK(interval->high == Approx(reference.high).margin(p == 50 ? 0.1 : 0.25));
    const auto with_sorted = bootstrap_ci(values, sorted(values), p, 1);
    CHECK(with_sorted->low == interval->low);
    CHECK(with_sorted->high == interval->high);
  }
}

TEST_CASE("a large samples' difference: the sorted overload, the seed, and the interval") {
  const std::vector<double> a = normalish(5000, 3);
  std::vector<double> b = normalish(4000, 4);
  for (double& v : b) v += 2;  // b is 2 slower: about 7 standard errors of the difference
  const auto sorted_a = sorted(a);
  const auto sorted_b = sorted(b);
  const auto result = bootstrap_diff(a, b, 50, 77);
  const auto given = bootstrap_diff(ttft::stats::SortedPair{a, b, sorted_a, sorted_b}, 50, 77);
  REQUIRE(result.has_value());
  CHECK(result->diff == *ttft::stats::percentile(a, 50) - *ttft::stats::percentile(b, 50));
  CHECK(given->diff == result->diff);
  CHECK(given->ci->low == result->ci->low);
  CHECK(given->ci->high == result->ci->high);
  CHECK(result->ci->low < result->diff);
  CHECK(result->diff < result->ci->high);
  CHECK(result->ci->high < 0);
  // Twice the standard error of a median difference, sqrt(1/5000 + 1/4000) * 12.5 = 0.27.
  CHECK(result->ci->high - result->ci->low == Approx(2 * 1.96 * 0.265).epsilon(0.2));
  const auto other_seed = bootstrap_diff(a, b, 50, 78);
  CHECK(other_seed->ci->low != result->ci->low);
}
