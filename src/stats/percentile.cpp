// Type-7 percentiles (Hyndman & Fan 1996) on sorted spans and by selection, with failures ranked
// beyond the successes; small-n rules.
#include "stats/percentile.hpp"

#include <algorithm>
#include <cmath>

#include "core/check.hpp"

namespace ttft::stats {
namespace {

constexpr std::size_t kMinSamplesDefault = 5;

void check_p(double p) { TTFT_CHECK(p >= 0 && p <= 100, "percentile p must be in [0, 100]"); }

void check_finite(std::span<const double> values) {
  // A NaN would break the strict weak ordering that sorting and selection rely on.
  TTFT_CHECK(std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }),
             "statistics need finite values");
}

}  // namespace

// numpy's _lerp: interpolate from whichever end is nearer, so the result stays within [a, b].
double type7_interpolate(double lower, double upper, double fraction) {
  const double diff = upper - lower;
  return fraction >= 0.5 ? upper - diff * (1 - fraction) : lower + diff * fraction;
}

bool is_sorted_finite(std::span<const double> values) {
  if (values.empty()) return true;
  if (!std::isfinite(values.front()) || !std::isfinite(values.back())) return false;
  // Between finite ends, ascending pairs (which a NaN never makes) leave only finite values.
  bool ascending = true;
  for (std::size_t i = 1; i < values.size(); ++i) ascending &= values[i - 1] <= values[i];
  return ascending;
}

Type7Position type7_position(std::size_t n, double p) {
  TTFT_CHECK(n > 0, "a percentile position needs at least one value");
  const double h = static_cast<double>(n - 1) * (p / 100);
  const double floor_h = std::floor(h);
  return {std::min(static_cast<std::size_t>(floor_h), n - 1), h - floor_h};
}

std::optional<double> percentile_sorted(std::span<const double> sorted, double p) {
  check_p(p);
  if (sorted.empty()) return std::nullopt;
  TTFT_CHECK(is_sorted_finite(sorted), "percentile_sorted needs ascending finite values");
  const auto [low, fraction] = type7_position(sorted.size(), p);
  if (low + 1 >= sorted.size()) return sorted[low];
  return type7_interpolate(sorted[low], sorted[low + 1], fraction);
}

std::optional<double> percentile_select(std::span<double> values, double p) {
  check_p(p);
  if (values.empty()) return std::nullopt;
  check_finite(values);
  const auto [low, fraction] = type7_position(values.size(), p);
  const auto low_at = values.begin() + static_cast<std::ptrdiff_t>(low);
  std::nth_element(values.begin(), low_at, values.end());
  if (low + 1 >= values.size()) return *low_at;
  // After nth_element everything past low_at is >= it, so the next order statistic is their min.
  const double high = *std::min_element(low_at + 1, values.end());
  return type7_interpolate(*low_at, high, fraction);
}

std::optional<double> percentile(std::vector<double> values, double p) {
  return percentile_select(values, p);
}

std::optional<double> percentile_with_failures(std::span<const double> sorted, std::size_t failures, double p,
                                               FailureRank rank) {
  check_p(p);
  if (failures == 0) return percentile_sorted(sorted, p);
  TTFT_CHECK(is_sorted_finite(sorted), "percentile_with_failures needs ascending finite successes");
  const std::size_t n = sorted.size();
  const auto [low, fraction] = type7_position(n + failures, p);
  if (rank == FailureRank::below) {
    // Order: failures at 0..failures-1, then the successes. x[low] always has weight 1 - fraction > 0.
    if (low < failures) return std::nullopt;
    const std::size_t at = low - failures;
    if (at + 1 >= n || fraction == 0) return sorted[at];
    return type7_interpolate(sorted[at], sorted[at + 1], fraction);
  }
  // Order: the successes at 0..n-1, then the failures; x[low + 1] has weight `fraction`.
  if (low >= n || (low + 1 == n && fraction > 0)) return std::nullopt;
  if (low + 1 == n || fraction == 0) return sorted[low];
  return type7_interpolate(sorted[low], sorted[low + 1], fraction);
}

std::size_t min_samples_for(double p) {
  check_p(p);
  const double tail = std::min(p, 100 - p);
  if (tail == 0) return 1;
  // The small tolerance keeps 100 / (100 - 99.9) = 1000.0000000000568 from rounding up to 1001.
  const auto needed = static_cast<std::size_t>(std::ceil(100 / tail - 1e-9));
  return std::max(needed, kMinSamplesDefault);
}

bool too_few_for(double p, std::size_t n) { return n < min_samples_for(p); }

}  // namespace ttft::stats
