// Decimal dollars → integer micro-dollars, digit by digit, so "0.15" is exactly 150000.
#include "cost/money.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace ttft::cost {
namespace {

constexpr int kUusdDecimals = 6;
constexpr int kMaxUusdDigits = 18;  // < 1e18 uusd = 1e12 USD, well inside int64
constexpr int kMaxExponent = 1000;  // larger exponents are far beyond both limits anyway

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal number as significant digits times a power of ten: value = digits * 10^exponent.
struct Decimal {
  std::string digits;
  int exponent = 0;
};

// Parses digits ["." digits] [("e" | "E") ["+" | "-"] digits]; nullopt on anything else.
std::optional<Decimal> parse_decimal(std::string_view text) {
  Decimal decimal;
  std::size_t at = 0;
  while (at < text.size() && is_digit(text[at])) decimal.digits.push_back(text[at++]);
  if (decimal.digits.empty()) return std::nullopt;
  if (at < text.size() && text[at] == '.') {
    const std::size_t fraction_at = ++at;
    while (at < text.size() && is_digit(text[at])) decimal.digits.push_back(text[at++]);
    if (at == fraction_at) return std::nullopt;
    decimal.exponent = -static_cast<int>(at - fraction_at);
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    int sign = 1;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) sign = text[at++] == '-' ? -1 : 1;
    const std::size_t exponent_at = at;
    int exponent = 0;
    for (; at < text.size() && is_digit(text[at]); ++at) {
      exponent = std::min(exponent * 10 + (text[at] - '0'), kMaxExponent);
    }
    if (at == exponent_at) return std::nullopt;
    decimal.exponent += sign * exponent;
  }
  if (at != text.size()) return std::nullopt;
  return decimal;
}

}  // namespace

Result<Uusd> parse_usd(std::string_view text) {
  if (!text.empty() && text.front() == '-') {
    return fail("", fmt::format("a price cannot be negative, got \"{}\"", text));
  }
  std::optional<Decimal> decimal = parse_decimal(text);
  if (!decimal) {
    return fail("", fmt::format("expected an amount of dollars such as \"0.15\", got \"{}\"",
                                text));
  }
  std::string& digits = decimal->digits;
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++decimal->exponent;
  }
  digits.erase(0, digits.find_first_not_of('0'));
  if (digits.empty()) return Uusd{0};
  const int uusd_exponent = decimal->exponent + kUusdDecimals;
  if (uusd_exponent < 0) {
    return fail("", fmt::format("\"{}\" has more than 6 decimal places; prices are kept in whole "
                                "micro-dollars", text));
  }
  if (static_cast<int>(digits.size()) + uusd_exponent > kMaxUusdDigits) {
    return fail("", fmt::format("\"{}\" dollars is too large", text));
  }
  Uusd uusd = 0;
  for (const char c : digits) uusd = uusd * 10 + (c - '0');
  for (int i = 0; i < uusd_exponent; ++i) uusd *= 10;
  return uusd;
}

Result<Uusd> usd_from_json_number(double usd) {
  if (!std::isfinite(usd)) return fail("", "expected a finite amount of dollars");
  if (usd == 0) return Uusd{0};  // also -0.0, which would print as "-0"
  // fmt's "{}" is the shortest text that reads back as the same double, so 0.15 → "0.15".
  return parse_usd(fmt::format("{}", usd));
}

}  // namespace ttft::cost
