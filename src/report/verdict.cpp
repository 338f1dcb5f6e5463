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
#include "stats/proportion.hpp"
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

// The percentile's difference, CI and p-value into `v`, and the sentence after "<phase> <stat>: ".
std::string compare_figures(Verdict& v, const VerdictInput& input, double p) {
  if (std::min(v.n_a, v.n_b) < kMinVerdictSamples) {
    return fmt::format("too few samples (n = {})", std::min(v.n_a, v.n_b));
  }
  const std::uint64_t seed = group_seed(
      input.run_seed, {"diff", input.target_a, input.target_b, input.phase, input.metric, v.stat});
  std::vector<double> storage_a, storage_b;
  const stats::SortedPair samples{input.a, input.b, sorted_view(input.a, input.sorted_a, storage_a),
                                  sorted_view(input.b, input.sorted_b, storage_b)};
  const auto diff = stats::bootstrap_diff(samples, p, seed);
  v.p_value = mann_whitney_p(samples);
  if (!diff || !diff->ci || !v.p_value) return "no comparison possible";
  v.diff = diff->diff;
  v.ci = diff->ci;
  const bool ci_excludes_zero = v.ci->low > 0 || v.ci->high < 0;
  v.significant = ci_excludes_zero && *v.p_value < kSignificanceLevel;
  return verdict_body(v, input.unit);
}

// Both targets' error rates, their z-test, and what the sentence adds about them: nothing when
// neither failed, else both rates, and when the significantly faster target also fails
// significantly more often, that too (docs/metrics.md, "A/B verdicts").
std::string error_rates_text(Verdict& v, const VerdictInput& input) {
  v.error_rate_a = input.failed_a.value();
  v.error_rate_b = input.failed_b.value();
  v.error_p_value = stats::two_proportion_p_value(input.failed_a, input.failed_b);
  if (input.failed_a.k == 0 && input.failed_b.k == 0) return {};
  const auto rate = [](const std::optional<double>& r) { return r ? format_percent(*r) : std::string("-"); };
  std::string text =
      fmt::format(" (errors: {} {}, {} {})", v.target_a, rate(v.error_rate_a), v.target_b, rate(v.error_rate_b));
  if (!v.significant || !v.error_p_value || *v.error_p_value >= kSignificanceLevel) return text;
  const bool a_faster = *v.diff < 0;
  const auto& faster_rate = a_faster ? v.error_rate_a : v.error_rate_b;
  const auto& slower_rate = a_faster ? v.error_rate_b : v.error_rate_a;
  if (*faster_rate <= *slower_rate) return text;
  v.faster_fails_more_often = true;
  return text + fmt::format("; but {} fails more often: {} vs {}, {}", a_faster ? v.target_a : v.target_b,
                            rate(faster_rate), rate(slower_rate), format_p_value(*v.error_p_value));
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
  const std::string body = compare_figures(v, input, p);
  v.text = fmt::format("{} {}: {}{}", v.phase, v.stat, body, error_rates_text(v, input));
  return v;
}

}  // namespace ttft::report
