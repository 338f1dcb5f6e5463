#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "core/random.hpp"
#include "stats/random_variates.hpp"

using ttft::Rng;

namespace {

struct Moments {
  double mean = 0;
  double variance = 0;
};

Moments moments_of(const std::function<double()>& draw, int count) {
  double sum = 0;
  double squares = 0;
  int non_finite = 0;
  for (int i = 0; i < count; ++i) {
    const double x = draw();
    non_finite += std::isfinite(x) ? 0 : 1;
    sum += x;
    squares += x * x;
  }
  CHECK(non_finite == 0);
  const double mean = sum / count;
  return {mean, squares / count - mean * mean};
}

constexpr int kDraws = 200'000;

}  // namespace

TEST_CASE("exponential and normal variates have their moments") {
  Rng rng(5);
  const Moments exponential = moments_of([&] { return ttft::stats::exponential_variate(rng); }, kDraws);
  CHECK(exponential.mean == Approx(1).margin(5 / std::sqrt(kDraws)));
  CHECK(exponential.variance == Approx(1).margin(0.05));
  const Moments normal = moments_of([&] { return ttft::stats::normal_variate(rng); }, kDraws);
  CHECK(normal.mean == Approx(0).margin(5 / std::sqrt(kDraws)));
  CHECK(normal.variance == Approx(1).margin(0.02));
}

TEST_CASE("gamma variates have mean and variance equal to their shape") {
  for (const double shape : {0.3, 1.0, 2.5, 1000.0, 1e6}) {
    Rng rng(9);
    const Moments gamma = moments_of([&] { return ttft::stats::gamma_variate(rng, shape); }, kDraws);
    INFO("shape " << shape);
    // The mean's standard error is sqrt(shape / draws); the variance is checked to 5%.
    CHECK(gamma.mean == Approx(shape).margin(5 * std::sqrt(shape / kDraws)));
    CHECK(gamma.variance == Approx(shape).epsilon(0.05));
  }
}

TEST_CASE("gamma variates are positive and replay by seed") {
  Rng first(3);
  Rng second(3);
  for (int i = 0; i < 1000; ++i) {
    const double a = ttft::stats::gamma_variate(first, 0.5);
    CHECK(a > 0);
    CHECK(a == ttft::stats::gamma_variate(second, 0.5));
  }
}
