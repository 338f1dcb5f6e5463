// Nice ticks: round steps on linear axes, 1-2-5 or decades on log axes, and readable labels.
#include <catch2/catch.hpp>

#include <vector>

#include "plot/ticks.hpp"

using ttft::plot::format_tick;
using ttft::plot::linear_ticks;
using ttft::plot::log_ticks;

TEST_CASE("linear ticks use steps of 1, 2, 2.5 or 5 times a power of ten and cover the data") {
  const auto ticks = linear_ticks(0, 870);
  CHECK(ticks.step == 250);
  CHECK(ticks.values == std::vector<double>{0, 250, 500, 750, 1000});
  CHECK(ticks.domain.min == 0);
  CHECK(ticks.domain.max == 1000);

  const auto small = linear_ticks(0.12, 0.93);
  CHECK(small.step == Approx(0.25));  // 0.81 / 4 = 0.2025: the next nice step up
  CHECK(small.domain.min == Approx(0));
  CHECK(small.domain.max == Approx(1));

  const auto offset = linear_ticks(173, 611);
  CHECK(offset.step == 200);
  CHECK(offset.domain.min == 0);
  CHECK(offset.domain.max == 800);
  for (std::size_t i = 1; i < offset.values.size(); ++i) CHECK(offset.values[i] - offset.values[i - 1] == 200);
}

TEST_CASE("a single value still gets an axis around it") {
  const auto ticks = linear_ticks(42, 42);
  CHECK(ticks.domain.min < 42);
  CHECK(ticks.domain.max > 42);
  CHECK(ticks.values.size() >= 2);
}

TEST_CASE("log ticks: 1-2-5 within three decades, decades only beyond, the domain on the nearest ticks") {
  const auto near = log_ticks(0.15, 4);
  CHECK(near.domain.min == Approx(0.1));
  CHECK(near.domain.max == Approx(5));
  const std::vector<double> expected{0.1, 0.2, 0.5, 1, 2, 5};
  REQUIRE(near.values.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(near.values[i] == Approx(expected[i]));

  const auto ttft = log_ticks(63, 1400);
  CHECK(ttft.domain.min == Approx(50));
  CHECK(ttft.domain.max == Approx(2000));

  const auto wide = log_ticks(0.02, 1800);
  CHECK(wide.domain.min == Approx(0.01));
  CHECK(wide.domain.max == Approx(10000));
  REQUIRE(wide.values.size() == 7);
  CHECK(wide.values.front() == Approx(0.01));
  CHECK(wide.values[3] == Approx(10));

  const auto exact = log_ticks(10, 100);  // a range that is exactly one decade keeps it
  CHECK(exact.domain.min == Approx(10));
  CHECK(exact.domain.max == Approx(100));
}

TEST_CASE("tick labels carry as many decimals as the step needs and abbreviate large values") {
  CHECK(format_tick(250, 250) == "250");
  CHECK(format_tick(0.5, 0.25) == "0.5");
  CHECK(format_tick(0.75, 0.25) == "0.75");
  CHECK(format_tick(7.5, 2.5) == "7.5");
  CHECK(format_tick(0.2, 0.2) == "0.2");
  CHECK(format_tick(12500, 2500) == "12.5k");
  CHECK(format_tick(20000, 5000) == "20k");
  CHECK(format_tick(3000000, 1000000) == "3M");
  CHECK(format_tick(-0.0, 1) == "0");
  // Log axes: from the value itself.
  CHECK(format_tick(0.02) == "0.02");
  CHECK(format_tick(0.5) == "0.5");
  CHECK(format_tick(200) == "200");
  CHECK(format_tick(10000) == "10k");
}
