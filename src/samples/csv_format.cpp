// samples.csv cell encodings. Locale-independent throughout: fmt never consults the C locale
// for "{}" and integers are formatted digit by digit.
#include "samples/csv_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>

namespace ttft::samples {
namespace {

constexpr std::int64_t kNanosPerMicro = 1000;
constexpr std::int64_t kMicrosPerMilli = 1000;
constexpr std::uint64_t kPusdPerUsd = 1'000'000'000'000;

// Up to 18 decimal digits (with a rounding +1) always fit an int64, whose max is ~9.2e18.
constexpr std::size_t kSafeDigits = 18;
constexpr std::array<std::int64_t, kSafeDigits + 1> kPowersOfTen = [] {
  std::array<std::int64_t, kSafeDigits + 1> powers{};
  powers[0] = 1;
  for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
  return powers;
}();

// |value| divided by `divisor`, rounded half away from zero, with the sign kept apart so that
// INT64_MIN and "-0" need no special cases at the call sites.
struct Magnitude {
  bool negative = false;
  std::uint64_t value = 0;
};

Magnitude rounded_magnitude(std::int64_t value, std::uint64_t divisor) {
  const bool negative = value < 0;
  const std::uint64_t abs_value = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                                           : static_cast<std::uint64_t>(value);
  const std::uint64_t rounded =
      abs_value / divisor + (abs_value % divisor >= (divisor + 1) / 2 ? 1 : 0);
  return {negative && rounded != 0, rounded};
}

void append_real(std::string& out, double value) {
  if (!std::isfinite(value)) return;  // never written as "nan": unmeasured instead
  fmt::format_to(std::back_inserter(out), "{}", value);
}

void append_unsigned(std::string& out, std::uint64_t value) {
  std::array<char, 20> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

void append_quoted(std::string& out, std::string_view text) {
  const auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
  if (std::none_of(text.begin(), text.end(), special)) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_ms(std::string& out, Nanos ns) {
  const Magnitude us = rounded_magnitude(ns, kNanosPerMicro);
  if (us.negative) out += '-';
  append_unsigned(out, us.value / kMicrosPerMilli);
  const auto fraction = static_cast<unsigned>(us.value % kMicrosPerMilli);
  const char digits[] = {'.', static_cast<char>('0' + fraction / 100), static_cast<char>('0' + fraction / 10 % 10),
                         static_cast<char>('0' + fraction % 10)};
  out.append(digits, sizeof digits);
}

// Each cell appended to the row in place: a row is one string, with no string per cell.
struct CellAppender {
  std::string& out;
  void operator()(std::monostate) const {}
  void operator()(std::int64_t v) const {
    std::array<char, 20> digits{};
    out.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), v).ptr);
  }
  void operator()(double v) const { append_real(out, v); }
  void operator()(Millis v) const { append_ms(out, v.ns); }
  void operator()(std::string_view v) const { append_quoted(out, v); }
  void operator()(bool v) const { out += v ? "true" : "false"; }
};

void append_cell(std::string& out, const Sample& sample, const Field& field) {
  if (field.name == "cost_usd") {
    if (sample.cost_pusd) out += format_pusd_as_usd(*sample.cost_pusd);
    return;
  }
  if (field.name == "decode_tps") {
    if (sample.decode_tps && std::isfinite(*sample.decode_tps)) {
      fmt::format_to(std::back_inserter(out), "{:.3f}", *sample.decode_tps);
    }
    return;
  }
  std::visit(CellAppender{out}, field.value);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool push_digit(std::int64_t& acc, int digit) {
  return !__builtin_mul_overflow(acc, 10, &acc) && !__builtin_add_overflow(acc, digit, &acc);
}

// parse_scaled_decimal for `text` (its sign removed) with every digit checked for overflow.
std::optional<std::int64_t> parse_scaled_decimal_checked(std::string_view text, std::size_t kept,
                                                         bool negative) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  std::int64_t acc = 0;
  for (const char c : whole) {
    if (!is_digit(c) || !push_digit(acc, c - '0')) return std::nullopt;
  }
  for (std::size_t i = 0; i < kept; ++i) {
    const int digit = i < fraction.size() ? fraction[i] - '0' : 0;
    if (i < fraction.size() && !is_digit(fraction[i])) return std::nullopt;
    if (!push_digit(acc, digit)) return std::nullopt;
  }
  for (std::size_t i = kept; i < fraction.size(); ++i) {
    if (!is_digit(fraction[i])) return std::nullopt;
  }
  const bool round_up = fraction.size() > kept && fraction[kept] >= '5';
  if (round_up && __builtin_add_overflow(acc, 1, &acc)) return std::nullopt;
  return negative ? -acc : acc;
}

}  // namespace

std::string header_row() {
  std::string line;
  for (const std::string_view name : column_names()) {
    if (!line.empty()) line += ',';
    line += name;
  }
  line += '\n';
  return line;
}

std::string format_row(const Sample& sample) {
  std::string line;
  line.reserve(256);
  bool first = true;
  for (const Field& field : fields_of(sample)) {
    if (!first) line += ',';
    first = false;
    append_cell(line, sample, field);
  }
  line += '\n';
  return line;
}

std::string format_row(const Sample& sample, std::span<const std::size_t> columns) {
  const auto fields = fields_of(sample);
  std::string line;
  line.reserve(256);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += ',';
    append_cell(line, sample, fields.at(columns[i]));
  }
  line += '\n';
  return line;
}

std::string csv_quote(std::string_view text) {
  std::string quoted;
  append_quoted(quoted, text);
  return quoted;
}

std::string format_ms(Nanos ns) {
  std::string text;
  append_ms(text, ns);
  return text;
}

std::string format_pusd_as_usd(std::int64_t pusd) {
  const Magnitude m = rounded_magnitude(pusd, 1);
  std::string text = fmt::format("{}{}", m.negative ? "-" : "", m.value / kPusdPerUsd);
  std::string fraction = fmt::format("{:012}", m.value % kPusdPerUsd);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

std::optional<std::int64_t> parse_scaled_decimal(std::string_view text, int decimals) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto kept = static_cast<std::size_t>(decimals);
  if (kept > kSafeDigits) return parse_scaled_decimal_checked(text, kept, negative);
  // One pass for the common case (every cell samples.csv holds): with at most 18 digits kept,
  // nothing can overflow, so no digit needs a check.
  std::int64_t acc = 0;
  std::size_t whole_digits = 0;
  std::size_t fraction_digits = 0;  // kept so far
  bool seen_dot = false;
  bool any_digit = false;
  bool round_up = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !seen_dot) {
      seen_dot = true;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    any_digit = true;
    if (!seen_dot) {
      if (++whole_digits + kept > kSafeDigits) return parse_scaled_decimal_checked(text, kept, negative);
      acc = acc * 10 + (c - '0');
    } else if (fraction_digits < kept) {
      acc = acc * 10 + (c - '0');
      ++fraction_digits;
    } else if (text[i - 1 - kept] == '.') {  // the first digit beyond the kept ones
      round_up = c >= '5';
    }
  }
  if (!any_digit) return std::nullopt;
  acc = acc * kPowersOfTen[kept - fraction_digits] + (round_up ? 1 : 0);
  return negative ? -acc : acc;
}

}  // namespace ttft::samples
