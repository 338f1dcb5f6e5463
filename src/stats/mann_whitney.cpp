// Mann-Whitney U: rank sums with averaged ties, the tie- and continuity-corrected normal
// approximation, and the exact null distribution for small samples without ties.
#include "stats/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/check.hpp"
#include "stats/percentile.hpp"
#include "stats/sort_values.hpp"

namespace ttft::stats {
namespace {

constexpr std::size_t kMaxExactSamples = 60;  // C(60, 30) ~ 1.2e17 fits an int64 count

struct Ranked {
  double u_a = 0;        // U of a
  double tie_term = 0;   // sum over tie groups of t^3 - t
  bool has_ties = false;
};

void require_finite(std::span<const double> values) {
  TTFT_CHECK(std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }),
             "mann_whitney needs finite values");
}

std::vector<double> sorted_finite_copy(std::span<const double> values) {
  require_finite(values);  // before sorting: a NaN breaks the ordering
  std::vector<double> sorted(values.begin(), values.end());
  sort_values(sorted);
  return sorted;
}

// Ranks the pooled samples 1..n with tied values sharing their average rank, by merging the two
// ascending samples, and turns the rank sum of a into U_a = R_a - n_a (n_a + 1) / 2. Tie groups
// are visited in ascending order, as a sort of the pooled values would, so the sums are the same
// to the bit.
Ranked rank_sorted(std::span<const double> a, std::span<const double> b) {
  // A NaN equals nothing, and the tie loops below would never advance.
  TTFT_CHECK(is_sorted_finite(a) && is_sorted_finite(b), "rank_sorted needs ascending finite samples");
  Ranked ranked;
  double rank_sum_a = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t start = 0;  // 0-based pooled position of the current tie group
  while (i < a.size() || j < b.size()) {
    const double value = j >= b.size() || (i < a.size() && a[i] < b[j]) ? a[i] : b[j];
    std::size_t in_a = 0;
    for (; i < a.size() && a[i] == value; ++i) ++in_a;
    std::size_t in_b = 0;
    for (; j < b.size() && b[j] == value; ++j) ++in_b;
    const std::size_t end = start + in_a + in_b;
    const auto count = static_cast<double>(end - start);
    const double average_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
    rank_sum_a += average_rank * static_cast<double>(in_a);
    ranked.tie_term += count * count * count - count;
    ranked.has_ties = ranked.has_ties || count > 1;
    start = end;
  }
  const auto n_a = static_cast<double>(a.size());
  ranked.u_a = rank_sum_a - n_a * (n_a + 1) / 2;
  return ranked;
}

Ranked rank(std::span<const double> a, std::span<const double> b) {
  return rank_sorted(sorted_finite_copy(a), sorted_finite_copy(b));
}

// Counts of U = 0..m*n over all C(m + n, m) arrangements: the coefficients of the Gaussian
// binomial [m + n choose m]_q, built as prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
std::vector<std::int64_t> u_counts(std::size_t m, std::size_t n) {
  std::vector<std::int64_t> poly(m * n + 1, 0);
  poly[0] = 1;
  for (std::size_t i = 1; i <= m; ++i) {
    for (std::size_t k = poly.size() - 1; k >= n + i; --k) poly[k] -= poly[k - (n + i)];
    for (std::size_t k = i; k < poly.size(); ++k) poly[k] += poly[k - i];
  }
  return poly;
}

}  // namespace

std::optional<MannWhitney> mann_whitney(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty()) return std::nullopt;
  return mann_whitney_sorted(sorted_finite_copy(a), sorted_finite_copy(b));
}

std::optional<MannWhitney> mann_whitney_sorted(std::span<const double> a,
                                               std::span<const double> b) {
  if (a.empty() || b.empty()) return std::nullopt;
  const Ranked ranked = rank_sorted(a, b);
  const auto n_a = static_cast<double>(a.size());
  const auto n_b = static_cast<double>(b.size());
  const double n = n_a + n_b;
  const double u_max = std::max(ranked.u_a, n_a * n_b - ranked.u_a);
  const double mean_u = n_a * n_b / 2;
  const double variance = n_a * n_b / 12 * ((n + 1) - ranked.tie_term / (n * (n - 1)));
  if (variance <= 0) return MannWhitney{ranked.u_a, 1.0};  // every value tied: no evidence
  const double z = (u_max - mean_u - 0.5) / std::sqrt(variance);
  // 2 (1 - Phi(z)) = erfc(z / sqrt 2), which keeps its precision far into the tail.
  const double p_value = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
  return MannWhitney{ranked.u_a, p_value};
}

std::optional<MannWhitney> mann_whitney_exact(std::span<const double> a,
                                              std::span<const double> b) {
  if (a.empty() || b.empty() || a.size() + b.size() > kMaxExactSamples) return std::nullopt;
  const Ranked ranked = rank(a, b);
  if (ranked.has_ties) return std::nullopt;
  const std::size_t m = std::min(a.size(), b.size());
  const std::size_t n = std::max(a.size(), b.size());
  const std::vector<std::int64_t> counts = u_counts(m, n);
  const auto u_max = static_cast<std::size_t>(
      std::max(ranked.u_a, static_cast<double>(m * n) - ranked.u_a));
  std::int64_t total = 0;
  std::int64_t at_least = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (k >= u_max) at_least += counts[k];
  }
  const double p_value =
      std::min(1.0, 2 * static_cast<double>(at_least) / static_cast<double>(total));
  return MannWhitney{ranked.u_a, p_value};
}

}  // namespace ttft::stats
