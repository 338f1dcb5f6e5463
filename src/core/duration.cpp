#include "core/duration.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace ttft {

Result<Nanos> parse_duration(std::string_view text) {
  const auto expected = [&] {
    return fail("", fmt::format("expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", "
                                "got \"{}\"", text));
  };
  std::size_t unit_at = 0;
  while (unit_at < text.size() &&
         ((text[unit_at] >= '0' && text[unit_at] <= '9') || text[unit_at] == '.')) {
    ++unit_at;
  }
  if (unit_at == 0) return expected();
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + unit_at, value);
  if (ec != std::errc{} || end != text.data() + unit_at || !std::isfinite(value)) {
    return expected();
  }
  const std::string_view unit = text.substr(unit_at);
  double unit_ns = 0;
  if (unit == "us") unit_ns = 1e3;
  else if (unit == "ms") unit_ns = 1e6;
  else if (unit == "s") unit_ns = 1e9;
  else if (unit == "m") unit_ns = 60e9;
  else if (unit == "h") unit_ns = 3600e9;
  else return expected();
  const double ns = value * unit_ns;
  if (ns > 9.2e18) return fail("", fmt::format("duration \"{}\" is too large", text));
  return static_cast<Nanos>(std::llround(ns));
}

std::string format_duration(Nanos ns) {
  const double ms = to_ms(ns);
  if (ms < 1000) return fmt::format("{:.0f} ms", ms);
  const double s = ms / 1000;
  if (s < 60) return fmt::format("{:.1f} s", s);
  const auto total_s = static_cast<long long>(std::llround(s));
  if (total_s < 3600) return fmt::format("{}m{:02}s", total_s / 60, total_s % 60);
  return fmt::format("{}h{:02}m", total_s / 3600, (total_s % 3600) / 60);
}

}  // namespace ttft
