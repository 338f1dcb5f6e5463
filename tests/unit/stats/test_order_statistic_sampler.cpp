#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "core/random.hpp"
#include "stats/order_statistic_sampler.hpp"
#include "stats/percentile.hpp"

using ttft::Rng;
using ttft::stats::ResampledPercentile;

namespace {

// The exact distribution of percentile p over all n^n equally likely resamples of `values`
// (n <= 6), by enumerating them: value -> probability.
std::map<double, double> enumerated(const std::vector<double>& values, double p) {
  const std::size_t n = values.size();
  std::size_t total = 1;
  for (std::size_t i = 0; i < n; ++i) total *= n;
  std::map<double, double> distribution;
  std::vector<double> resample(n);
  for (std::size_t code = 0; code < total; ++code) {
    std::size_t rest = code;
    for (double& slot : resample) {
      slot = values[rest % n];
      rest /= n;
    }
    distribution[*ttft::stats::percentile(resample, p)] += 1.0 / static_cast<double>(total);
  }
  return distribution;
}

// Checks that `draws` draws of the sampler match the enumerated distribution: every value's
// frequency within 5 standard errors of its probability, and no value outside it.
void check_against_enumeration(const std::vector<double>& values, double p, std::uint64_t seed) {
  const auto exact = enumerated(values, p);
  const ResampledPercentile sampler(values, p);
  Rng rng(seed);
  constexpr int kDraws = 200'000;
  std::map<double, int> counts;
  for (int i = 0; i < kDraws; ++i) ++counts[sampler.draw(rng)];
  for (const auto& [value, count] : counts) {
    INFO("p " << p << " value " << value);
    REQUIRE(exact.count(value) == 1);
  }
  for (const auto& [value, probability] : exact) {
    const double frequency = counts[value] / static_cast<double>(kDraws);
    const double standard_error = std::sqrt(probability * (1 - probability) / kDraws);
    INFO("p " << p << " value " << value << " probability " << probability << " frequency " << frequency);
    CHECK(std::abs(frequency - probability) <= 5 * standard_error + 1e-12);
  }
}

}  // namespace

TEST_CASE("a resampled percentile has the distribution of the resample's percentile") {
  // Small enough to enumerate every resample; p values hit an order statistic exactly, the
  // interpolation between two (with fractions below and above one half), and both ends.
  const std::vector<double> values{1, 2, 4, 8, 16};
  for (const double p : {0.0, 20.0, 30.0, 50.0, 95.0, 100.0}) check_against_enumeration(values, p, 11);
  // Ties in the sample itself.
  check_against_enumeration({3, 3, 5, 7, 7, 7}, 60, 12);
}

TEST_CASE("a resampled median of many values follows the binomial law of its order statistic") {
  // values 0..n-1, median = order statistic k = (n + 1) / 2 (1-based). A resample's median is at
  // most j exactly when at least k of its n draws are at most j: P = P(Bin(n, (j + 1) / n) >= k).
  constexpr std::size_t kN = 2001;
  constexpr std::size_t kRank = 1001;
  std::vector<double> values(kN);
  for (std::size_t j = 0; j < kN; ++j) values[j] = static_cast<double>(j);
  const auto binomial_at_least = [&](std::size_t j) {
    const double q = static_cast<double>(j + 1) / kN;
    double tail = 0;
    for (std::size_t i = kRank; i <= kN; ++i) {
      const double log_pmf = std::lgamma(kN + 1.0) - std::lgamma(i + 1.0) - std::lgamma(kN - i + 1.0) +
                             static_cast<double>(i) * std::log(q) +
                             static_cast<double>(kN - i) * std::log1p(-q);
      tail += std::exp(log_pmf);
    }
    return tail;
  };
  const ResampledPercentile sampler(values, 50);
  Rng rng(2024);
  constexpr int kDraws = 200'000;
  std::vector<double> draws(kDraws);
  for (double& draw : draws) draw = sampler.draw(rng);
  // A shift of the order statistic by one rank moves these probabilities by ~0.018, 16 standard
  // errors at this many draws.
  for (const std::size_t j : {960, 980, 990, 1000, 1010, 1020, 1040}) {
    const double expected = binomial_at_least(j);
    const double observed =
        static_cast<double>(std::count_if(draws.begin(), draws.end(), [&](double v) { return v <= j; })) / kDraws;
    INFO("j " << j);
    CHECK(std::abs(observed - expected) < 5 * std::sqrt(expected * (1 - expected) / kDraws) + 1e-9);
  }
}

TEST_CASE("a resampled percentile of one value is that value, and draws replay by seed") {
  const std::vector<double> one{4.5};
  Rng rng(1);
  CHECK(ResampledPercentile(one, 95).draw(rng) == 4.5);
  const std::vector<double> values{1, 2, 3, 5, 8, 13, 21};
  const ResampledPercentile sampler(values, 95);
  Rng first(77);
  Rng second(77);
  for (int i = 0; i < 100; ++i) CHECK(sampler.draw(first) == sampler.draw(second));
}
