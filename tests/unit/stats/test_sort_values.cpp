#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "core/random.hpp"
#include "stats/sort_values.hpp"

using ttft::stats::ValueSorter;

namespace {

// Values of every sign and magnitude the radix keys must order: negatives, zeros of both signs,
// subnormals, the extremes, and many duplicates.
std::vector<double> awkward_values(std::size_t n, std::uint64_t seed) {
  ttft::Rng rng(seed);
  const std::vector<double> specials{0.0,
                                     -0.0,
                                     std::numeric_limits<double>::denorm_min(),
                                     -std::numeric_limits<double>::denorm_min(),
                                     std::numeric_limits<double>::max(),
                                     std::numeric_limits<double>::lowest(),
                                     std::numeric_limits<double>::min(),
                                     1.0,
                                     -1.0};
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    switch (rng.below(4)) {
      case 0: values.push_back(specials[rng.below(specials.size())]); break;
      case 1: values.push_back(static_cast<double>(rng.below(50)) / 8 - 3); break;  // duplicates
      case 2: values.push_back((rng.unit_interval() - 0.5) * 1e6); break;
      default: values.push_back(std::ldexp(rng.unit_interval(), static_cast<int>(rng.below(600)) - 300)); break;
    }
  }
  return values;
}

}  // namespace

TEST_CASE("sort_values orders like std::sort, small and large, reusing one sorter") {
  // std::sort's order with -0.0 before 0.0, as documented: then the results are equal bit for bit.
  const auto negative_zero_first = [](double a, double b) {
    return a < b || (a == b && std::signbit(a) && !std::signbit(b));
  };
  const auto same_bits = [](double a, double b) { return a == b && std::signbit(a) == std::signbit(b); };
  ValueSorter sorter;
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{100}, std::size_t{511},
                              std::size_t{512}, std::size_t{5000}, std::size_t{70'000}}) {
    std::vector<double> values = awkward_values(n, n + 1);
    std::vector<double> expected = values;
    std::sort(expected.begin(), expected.end(), negative_zero_first);
    sorter.sort(values);
    INFO("n " << n);
    CHECK(std::is_sorted(values.begin(), values.end()));
    if (n >= 512) {  // the radix sort; below, std::sort may order the zeros either way
      CHECK(std::equal(values.begin(), values.end(), expected.begin(), expected.end(), same_bits));
    } else {
      CHECK(values == expected);
    }
  }
  // Values sharing high bytes (one magnitude, as latencies are) skip those passes.
  std::vector<double> latencies;
  ttft::Rng rng(4);
  for (int i = 0; i < 10'000; ++i) latencies.push_back(200 + static_cast<double>(rng.below(100'000)) / 1000);
  std::vector<double> expected = latencies;
  std::sort(expected.begin(), expected.end());
  ttft::stats::sort_values(latencies);
  CHECK(latencies == expected);
}

TEST_CASE("merge_sorted merges ascending parts into their sorted union") {
  std::vector<double> a = awkward_values(3000, 7);
  std::vector<double> b = awkward_values(1200, 8);
  const std::vector<double> c;  // an empty part
  std::vector<double> expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::sort(expected.begin(), expected.end());
  const std::vector<std::span<const double>> parts{a, c, b};
  CHECK(ttft::stats::merge_sorted(parts) == expected);
  CHECK(ttft::stats::merge_sorted({}).empty());
}
