#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/random.hpp"
#include "stats/log_histogram.hpp"
#include "stats/percentile.hpp"

using ttft::stats::LogHistogram;

namespace {

// Every percentile the live view shows and a few more, against the exact type-7 value.
void check_within_error(const std::vector<double>& values) {
  LogHistogram histogram;
  for (const double v : values) histogram.add(v);
  REQUIRE(histogram.count() == static_cast<std::int64_t>(values.size()));
  for (const double p : {0.0, 1.0, 25.0, 50.0, 90.0, 95.0, 99.0, 100.0}) {
    const double exact = *ttft::stats::percentile(values, p);
    const double estimate = *histogram.percentile(p);
    INFO("p" << p << " exact " << exact << " estimate " << estimate);
    CHECK(std::abs(estimate - exact) <= LogHistogram::kRelativeError * exact);
  }
}

}  // namespace

TEST_CASE("log histogram: no value when empty, the value itself for one") {
  LogHistogram histogram;
  CHECK_FALSE(histogram.percentile(50).has_value());
  histogram.add(123.456);
  CHECK(*histogram.percentile(0) == 123.456);
  CHECK(*histogram.percentile(50) == 123.456);
  CHECK(*histogram.percentile(95) == 123.456);
}

TEST_CASE("log histogram: percentiles of 1..1000 ms within 1% of the exact ones") {
  std::vector<double> values;
  for (int i = 1; i <= 1000; ++i) values.push_back(i);
  check_within_error(values);
  // Not exact either: the buckets really are coarser than the values.
  LogHistogram histogram;
  for (const double v : values) histogram.add(v);
  CHECK(*histogram.percentile(50) != *ttft::stats::percentile(values, 50));
}

TEST_CASE("log histogram: a long-tailed sample of 100,000 values from 2 ms to an hour within 1%") {
  ttft::Rng rng(42);
  std::vector<double> values;
  for (int i = 0; i < 100000; ++i) values.push_back(2 * std::exp(14.4 * std::pow(rng.unit_interval(), 3)));
  check_within_error(values);
}

TEST_CASE("log histogram: a few values far apart interpolate as type 7 does") {
  check_within_error({5, 5000});
  check_within_error({0.5, 40, 41, 900000});
}

TEST_CASE("log histogram: values below the range are clamped into the first bucket, min kept exact") {
  LogHistogram histogram;
  histogram.add(0);
  histogram.add(0);
  histogram.add(0);
  CHECK(*histogram.percentile(50) == 0);
  histogram.add(1e9);  // beyond the range: max kept exact
  CHECK(*histogram.percentile(100) == 1e9);
}
