#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "driver/reservoir.hpp"

using ttft::driver::Reservoir;

TEST_CASE("a reservoir keeps every value until it is full") {
  Reservoir reservoir(8);
  for (ttft::Nanos v : {5, 3, 9}) reservoir.add(v);
  CHECK(reservoir.values() == std::vector<ttft::Nanos>{5, 3, 9});
  CHECK(reservoir.count() == 3);
  CHECK(reservoir.max() == 9);
}

TEST_CASE("a full reservoir stays bounded, keeps the exact max and count, and samples uniformly") {
  Reservoir reservoir(1000);
  constexpr ttft::Nanos kValues = 200'000;
  for (ttft::Nanos v = 0; v < kValues; ++v) reservoir.add(v);
  CHECK(reservoir.values().size() == 1000);
  CHECK(reservoir.count() == kValues);
  CHECK(reservoir.max() == kValues - 1);
  // A uniform sample of 0..199999 has mean ~100000 (sd of the mean ~1826) and spans the range;
  // keeping only the first 1000 values would give a mean of ~500.
  const auto& values = reservoir.values();
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  CHECK(mean > 90'000);
  CHECK(mean < 110'000);
  CHECK(*std::min_element(values.begin(), values.end()) < 2'000);
  CHECK(*std::max_element(values.begin(), values.end()) > 198'000);
}
