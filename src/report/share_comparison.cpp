// The sentence of a share comparison and its figures.
#include "report/share_comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/number_format.hpp"
#include "report/verdict.hpp"

namespace ttft::report {
namespace {

constexpr double kPoints = 100;  // percentage points per unit of a fraction

}  // namespace

ShareComparison compare_shares(const std::string& name_a, const std::string& name_b, stats::Proportion a,
                               stats::Proportion b, std::string_view more_often, std::string_view counted) {
  ShareComparison v;
  if (a.n == 0 || b.n == 0) {
    v.text = fmt::format("no {} from {}", counted, a.n == 0 ? name_a : name_b);
    return v;
  }
  const double share_a = *a.value(), share_b = *b.value();
  v.diff = share_a - share_b;
  v.ci = stats::newcombe_difference_interval(a, b);
  v.p_value = stats::two_proportion_p_value(a, b);
  v.significant = (v.ci->low > 0 || v.ci->high < 0) && *v.p_value < kSignificanceLevel;
  // Orient so the shown difference is (higher − lower) >= 0, its interval with it.
  const bool a_higher = *v.diff >= 0;
  const std::string& higher = a_higher ? name_a : name_b;
  const std::string& lower = a_higher ? name_b : name_a;
  const double rate_high = a_higher ? share_a : share_b;
  const double rate_low = a_higher ? share_b : share_a;
  const double shown = std::abs(*v.diff) * kPoints;
  const double low = (a_higher ? v.ci->low : -v.ci->high) * kPoints;
  const double high = (a_higher ? v.ci->high : -v.ci->low) * kPoints;
  const double scale = std::max({shown, std::abs(low), std::abs(high)});
  const std::string figures =
      fmt::format("{} points, 95% CI {}\u2013{} points, {}", format_prose(shown, scale), format_prose(low, scale),
                  format_prose(high, scale), format_p_value(*v.p_value));
  if (v.significant) {
    v.text = fmt::format("{} {} ({} vs {}, difference {})", higher, more_often, format_percent(rate_high),
                         format_percent(rate_low), figures);
  } else {
    v.text = fmt::format("no significant difference ({} {}, {} {}; {} \u2212 {} {})", higher,
                         format_percent(rate_high), lower, format_percent(rate_low), higher, lower, figures);
  }
  return v;
}

}  // namespace ttft::report
