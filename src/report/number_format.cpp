// Number formatting for exporters and verdict sentences. fmt never consults the locale here, so
// the decimal separator is always ".".
#include "report/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ttft::report {
namespace {

constexpr int kReadableDigits = 3;
constexpr int kMaxReadableDecimals = 2;
constexpr int kProseDigits = 2;  // on the sentence's largest number: a CI is rarely sharper
constexpr int kMaxSignificantDecimals = 12;
constexpr double kSmallestReportedP = 0.001;

// Decimals that give `digits` significant digits for |value| (0 for large values).
int decimals_for(double value, int digits, int max_decimals) {
  if (value == 0) return 0;
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
  return std::clamp(digits - 1 - magnitude, 0, max_decimals);
}

// Removes a leading "-" when every digit is zero ("-0.00" → "0.00").
std::string without_negative_zero(std::string text) {
  if (!text.empty() && text[0] == '-' && text.find_first_of("123456789") == std::string::npos) {
    text.erase(0, 1);
  }
  return text;
}

// "1.500" → "1.5", "2.000" → "2"; integers stay as they are.
std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string format_fixed(std::optional<double> value, int decimals) {
  if (!value || !std::isfinite(*value)) return {};
  return without_negative_zero(fmt::format("{:.{}f}", *value, decimals));
}

std::string format_readable(std::optional<double> value, const std::string& missing) {
  if (!value || !std::isfinite(*value)) return missing;
  const int decimals = decimals_for(*value, kReadableDigits, kMaxReadableDecimals);
  return without_negative_zero(fmt::format("{:.{}f}", *value, decimals));
}

std::string format_significant(std::optional<double> value, int digits,
                               const std::string& missing) {
  if (!value || !std::isfinite(*value)) return missing;
  const int decimals = decimals_for(*value, digits, kMaxSignificantDecimals);
  return trim_zeros(without_negative_zero(fmt::format("{:.{}f}", *value, decimals)));
}

std::string format_prose(double value, double scale) {
  if (!std::isfinite(value)) return "-";
  const int decimals = decimals_for(std::abs(scale), kProseDigits, kMaxReadableDecimals);
  std::string text = without_negative_zero(fmt::format("{:.{}f}", value, decimals));
  if (text[0] == '-') text.replace(0, 1, "\u2212");
  return text;
}

std::string format_p_value(double p) {
  if (p < kSmallestReportedP) return "p < 0.001";
  return fmt::format("p = {}", format_significant(p, 2));
}

std::string format_percent(double fraction) {
  constexpr double kTenth = 0.001;  // 0.1% as a fraction: one decimal of a percentage
  if (fraction > 0 && fraction < kTenth / 2) return "<0.1%";
  if (fraction < 1 && fraction >= 1 - kTenth / 2) return ">99.9%";
  return fmt::format("{:.1f}%", fraction * 100);
}

std::string format_grouped(std::optional<double> value, int digits, const std::string& missing) {
  if (!value || !std::isfinite(*value)) return missing;
  double v = *value;
  if (digits > 0 && v != 0) {
    const double unit = std::pow(10.0, std::floor(std::log10(std::abs(v))) - (digits - 1));
    v = std::round(v / unit) * unit;
  }
  if (std::abs(v) < 1000) return without_negative_zero(digits > 0 ? fmt::format("{:.{}g}", v, digits) : fmt::format("{}", v));
  std::string digits_text = fmt::format("{:.0f}", std::abs(v));
  for (auto at = static_cast<std::ptrdiff_t>(digits_text.size()) - 3; at > 0; at -= 3) digits_text.insert(static_cast<std::size_t>(at), ",");
  return (v < 0 ? "-" : "") + digits_text;
}

}  // namespace ttft::report
