// Scale: data values onto pixels, linear and log10, including inverted (y) pixel ranges.
#include <catch2/catch.hpp>

#include "plot/scale.hpp"

using ttft::plot::Scale;

TEST_CASE("a linear scale maps the domain's ends onto the pixel range and interpolates between") {
  const Scale x = Scale::linear({0, 200}, 50, 450);
  CHECK(x(0) == Approx(50));
  CHECK(x(200) == Approx(450));
  CHECK(x(50) == Approx(150));
  const Scale y = Scale::linear({0, 1}, 300, 20);  // y grows upwards on screen
  CHECK(y(0) == Approx(300));
  CHECK(y(1) == Approx(20));
  CHECK(y(0.25) == Approx(230));
}

TEST_CASE("a log scale puts each decade the same distance apart") {
  const Scale x = Scale::log({1, 1000}, 0, 300);
  CHECK(x(1) == Approx(0));
  CHECK(x(10) == Approx(100));
  CHECK(x(100) == Approx(200));
  CHECK(x(1000) == Approx(300));
  CHECK(x(0) == Approx(0));   // non-positive values sit at the domain's minimum
  CHECK(x(-5) == Approx(0));
  CHECK(x.is_log());
}

TEST_CASE("a zero-width domain maps to the middle of the pixels instead of dividing by zero") {
  CHECK(Scale::linear({5, 5}, 0, 100)(5) == Approx(50));
  CHECK(Scale::log({3, 3}, 0, 100)(3) == Approx(50));
}
