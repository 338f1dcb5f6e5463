// Mann-Whitney U test (Wilcoxon rank-sum) for "do A and B differ in location", two-sided.
// Pure math, no I/O.
#pragma once

#include <optional>
#include <span>

namespace ttft::stats {

struct MannWhitney {
  double u = 0;        // U of a: pairs (x in a, y in b) with x > y, ties counting one half
  double p_value = 1;  // two-sided
};

/// Two-sided Mann-Whitney U test by the normal approximation, as
/// scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True): ranks with ties
/// averaged, z = (max(U_a, U_b) - n_a n_b / 2 - 0.5) / sigma with the tie-corrected
/// sigma^2 = n_a n_b / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1))), p = min(1, 2 (1 - Phi(z)));
/// p = 1 when every value is tied; nullopt when either sample is empty.
std::optional<MannWhitney> mann_whitney(std::span<const double> a, std::span<const double> b);

/// mann_whitney for samples already in ascending order (finite): O(n) instead of a sort.
std::optional<MannWhitney> mann_whitney_sorted(std::span<const double> sorted_a,
                                               std::span<const double> sorted_b);

/// Two-sided exact Mann-Whitney U test, as scipy.stats.mannwhitneyu(a, b, method="exact"):
/// p = min(1, 2 P(U >= max(U_a, U_b))) under the null permutation distribution of U. Only
/// defined without ties and for n_a + n_b <= 60 (exact counts stay within int64); otherwise,
/// or when either sample is empty, nullopt.
std::optional<MannWhitney> mann_whitney_exact(std::span<const double> a,
                                              std::span<const double> b);

}  // namespace ttft::stats
