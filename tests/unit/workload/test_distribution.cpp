// draw_length for each distribution: the drawn figures match the configured ones within sampling
// error (tolerances from the standard error of 20,000 draws), clamps hold, and a seed replays.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "workload/distribution.hpp"

using namespace ttft;
using workload::DistKind;
using workload::Distribution;

namespace {

constexpr std::size_t kDraws = 20'000;
constexpr double kZ = 4.5;  // standard errors allowed: a false failure about once in 150,000 runs

std::vector<double> draws(const Distribution& dist, std::uint64_t seed = 42) {
  Rng rng(seed);
  std::vector<double> out;
  for (std::size_t i = 0; i < kDraws; ++i) out.push_back(static_cast<double>(workload::draw_length(dist, rng)));
  return out;
}

double mean(const std::vector<double>& xs) {
  double sum = 0;
  for (const double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

double stdev(const std::vector<double>& xs) {
  const double m = mean(xs);
  double sum = 0;
  for (const double x : xs) sum += (x - m) * (x - m);
  return std::sqrt(sum / static_cast<double>(xs.size() - 1));
}

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return (xs[xs.size() / 2 - 1] + xs[xs.size() / 2]) / 2;
}

}  // namespace

TEST_CASE("lognormal draws have the configured median and sigma of the log") {
  const double configured_median = 800;
  const double sigma = 0.6;
  const std::vector<double> xs = draws({DistKind::lognormal, configured_median, sigma, std::nullopt, std::nullopt});
  std::vector<double> logs;
  for (const double x : xs) logs.push_back(std::log(x));
  const double n = static_cast<double>(kDraws);
  // The sample median of a normal has standard error sqrt(pi / 2) * sigma / sqrt(n).
  const double median_se = std::sqrt(M_PI / 2) * sigma / std::sqrt(n);
  CHECK(std::abs(std::log(median(xs)) - std::log(configured_median)) < kZ * median_se);
  // The sample standard deviation has standard error about sigma / sqrt(2 (n - 1)).
  CHECK(std::abs(stdev(logs) - sigma) < kZ * sigma / std::sqrt(2 * (n - 1)));
}

TEST_CASE("normal draws have the configured mean and standard deviation") {
  const double configured_mean = 500;
  const double sd = 50;
  const std::vector<double> xs = draws({DistKind::normal, configured_mean, sd, std::nullopt, std::nullopt});
  const double n = static_cast<double>(kDraws);
  CHECK(std::abs(mean(xs) - configured_mean) < kZ * sd / std::sqrt(n));
  // Rounding to integers adds 1/12 to the variance.
  CHECK(std::abs(stdev(xs) - std::sqrt(sd * sd + 1.0 / 12)) < kZ * sd / std::sqrt(2 * (n - 1)));
}

TEST_CASE("uniform draws cover every integer of the range evenly and nothing outside") {
  const std::vector<double> xs = draws({DistKind::uniform, 0, 0, 10.0, 19.0});
  std::map<double, std::size_t> counts;
  for (const double x : xs) ++counts[x];
  REQUIRE(counts.size() == 10);
  CHECK(counts.begin()->first == 10);
  CHECK(counts.rbegin()->first == 19);
  const double p = 0.1;
  const double expected = static_cast<double>(kDraws) * p;
  const double sd = std::sqrt(static_cast<double>(kDraws) * p * (1 - p));  // binomial count
  for (const auto& [value, count] : counts) {
    INFO("value " << value);
    CHECK(std::abs(static_cast<double>(count) - expected) < kZ * sd);
  }
}

TEST_CASE("min and max clamp normal and lognormal draws") {
  const std::vector<double> normal = draws({DistKind::normal, 100, 40, 80.0, 120.0});
  CHECK(*std::min_element(normal.begin(), normal.end()) == 80);
  CHECK(*std::max_element(normal.begin(), normal.end()) == 120);
  // About 31.7% of draws fall beyond one sigma, half on each side: both bounds are hit often.
  CHECK(std::count(normal.begin(), normal.end(), 80.0) > 2000);
  CHECK(std::count(normal.begin(), normal.end(), 120.0) > 2000);
  const std::vector<double> lognormal = draws({DistKind::lognormal, 800, 1.0, std::nullopt, 2000.0});
  CHECK(*std::max_element(lognormal.begin(), lognormal.end()) == 2000);
}

TEST_CASE("draws are never below 1") {
  const std::vector<double> wide = draws({DistKind::normal, 0, 5, std::nullopt, std::nullopt});
  CHECK(*std::min_element(wide.begin(), wide.end()) == 1);
  Rng rng(1);
  CHECK(workload::draw_length(Distribution::fixed(0.2), rng) == 1);
  CHECK(workload::draw_length(Distribution::fixed(-7), rng) == 1);
  CHECK(workload::draw_length(Distribution::fixed(256), rng) == 256);
}

TEST_CASE("the same seed gives the same draws, another seed others") {
  const Distribution dist{DistKind::lognormal, 800, 0.6, std::nullopt, std::nullopt};
  CHECK(draws(dist, 7) == draws(dist, 7));
  CHECK(draws(dist, 7) != draws(dist, 8));
  const Distribution uniform{DistKind::uniform, 0, 0, 1.0, 1000.0};
  CHECK(draws(uniform, 7) == draws(uniform, 7));
  CHECK(draws(uniform, 7) != draws(uniform, 8));
}
