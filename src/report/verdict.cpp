// Verdict figures and sentences. Sentences orient the difference so its number is positive
// ("edge faster by 60 ms", "central − edge 12 ms"), with the CI oriented the same way.
#include "report/verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "report/group_seed.hpp"
#include "report/number_format.hpp"
#include "stats/bootstrap.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/sort_values.hpp"

namespace ttft::report {
namespace {

constexpr std::size_t kExactMannWhitneyMaxN = 8;

std::optional<double> mann_whitney_p(const stats::SortedPair& samples) {
  if (std::min(samples.a.size(), samples.b.size()) <= kExactMannWhitneyMaxN) {
    if (const auto exact = stats::mann_whitney_exact(samples.a, samples.b)) return exact->p_value;
  }
  const auto approx = stats::mann_whitney_sorted(samples.sorted_a, samples.sorted_b);
  if (!approx) return std::nullopt;
  return approx->p_value;
}

// `given` when it holds `values` sorted, else a sorted copy kept in `storage`.
std::span<const double> sorted_view(std::span<const double> values, std::span<const double> given,
                                    std::vector<double>& storage) {
  if (given.size() == values.size()) return given;
  storage.assign(values.begin(), values.end());
  stats::sort_values(storage);
  return storage;
}

std::string stat_name(double p) { return fmt::format("p{}", static_cast<int>(p)); }

std::string range_text(double low, double high, double scale, const std::string& unit) {
  return fmt::format("95% CI {}\u2013{} {}", format_prose(low, scale), format_prose(high, scale),
                     unit);
}

// The sentence after "<phase> <stat>: ".
std::string verdict_body(const Verdict& v, const std::string& unit) {
  const double diff = *v.diff;
  const stats::Interval ci = *v.ci;
  // Orient so the shown difference is (slower - faster) >= 0.
  const bool a_lower = diff < 0;
  const std::string& lower = a_lower ? v.target_a : v.target_b;
  const std::string& higher = a_lower ? v.target_b : v.target_a;
  const double shown = a_lower ? -diff : diff;
  const double low = a_lower ? -ci.high : ci.low;
  const double high = a_lower ? -ci.low : ci.high;
  const double scale = std::max({std::abs(shown), std::abs(low), std::abs(high)});
  const std::string p_text = format_p_value(*v.p_value);
  if (v.significant) {
    return fmt::format("{} faster by {} {} ({}, {})", lower, format_prose(shown, scale), unit,
                       range_text(low, high, scale, unit), p_text);
  }
  return fmt::format("no significant difference ({} \u2212 {} {} {}, {}, {})", higher, lower,
                     format_prose(shown, scale), unit, range_text(low, high, scale, unit), p_text);
}

}  // namespace

Verdict compare_percentile(const VerdictInput& input, double p) {
  Verdict v;
  v.phase = input.phase;
  v.metric = input.metric;
  v.stat = stat_name(p);
  v.target_a = input.target_a;
  v.target_b = input.target_b;
  v.n_a = input.a.size();
  v.n_b = input.b.size();
  const std::string prefix = fmt::format("{} {}: ", v.phase, v.stat);
  if (std::min(v.n_a, v.n_b) < kMinVerdictSamples) {
    v.text = fmt::format("{}too few samples (n = {})", prefix, std::min(v.n_a, v.n_b));
    return v;
  }
  const std::uint64_t seed = group_seed(
      input.run_seed, {"diff", input.target_a, input.target_b, input.phase, input.metric, v.stat});
  std::vector<double> storage_a, storage_b;
  const stats::SortedPair samples{input.a, input.b, sorted_view(input.a, input.sorted_a, storage_a),
                                  sorted_view(input.b, input.sorted_b, storage_b)};
  const auto diff = stats::bootstrap_diff(samples, p, seed);
  v.p_value = mann_whitney_p(samples);
  if (!diff || !diff->ci || !v.p_value) {
    v.text = prefix + "no comparison possible";
    return v;
  }
  v.diff = diff->diff;
  v.ci = diff->ci;
  const bool ci_excludes_zero = v.ci->low > 0 || v.ci->high < 0;
  v.significant = ci_excludes_zero && *v.p_value < kSignificanceLevel;
  v.text = prefix + verdict_body(v, input.unit);
  return v;
}

}  // namespace ttft::report
