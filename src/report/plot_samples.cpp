// The compact per-sample rows for the plots, with names interned once per list.
#include "report/plot_samples.hpp"

#include <algorithm>
#include <charconv>

namespace ttft::report {
namespace {

std::uint32_t index_of(std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found != names.end()) return static_cast<std::uint32_t>(found - names.begin());
  names.push_back(name);
  return static_cast<std::uint32_t>(names.size() - 1);
}

std::optional<double> ms_of(const std::optional<Nanos>& ns) {
  if (!ns) return std::nullopt;
  return static_cast<double>(*ns) / 1e6;
}

std::optional<int> parse_digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + at;
  const auto [end, ec] = std::from_chars(begin, begin + count, value);
  if (ec != std::errc() || end != begin + count) return std::nullopt;
  return value;
}

// Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

void PlotSamplesBuilder::add(const samples::Sample& s) {
  PlotSample row;
  row.target = index_of(samples_.targets, s.target);
  row.phase = index_of(samples_.phases, s.phase);
  row.region = index_of(samples_.regions, s.region);
  row.run = index_of(samples_.runs, s.run_id);
  row.failed = !s.error.empty();
  row.started_utc_ms = utc_ms_of(s.started_at);
  row.ttft_ms = ms_of(s.ttft_ns);
  row.first_token_ms = ms_of(s.first_token_ns);
  row.idle_before_s = s.idle_before_s;
  samples_.rows.push_back(row);
}

PlotSamples plot_samples_of(const std::vector<samples::Sample>& samples) {
  PlotSamplesBuilder builder;
  for (const samples::Sample& s : samples) builder.add(s);
  return builder.take();
}

std::optional<std::int64_t> utc_ms_of(std::string_view t) {
  // 0123456789012345678
  // YYYY-MM-DDTHH:MM:SS[.mmm]Z
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
      t.back() != 'Z') {
    return std::nullopt;
  }
  const auto year = parse_digits(t, 0, 4), month = parse_digits(t, 5, 2), day = parse_digits(t, 8, 2);
  const auto hour = parse_digits(t, 11, 2), minute = parse_digits(t, 14, 2), second = parse_digits(t, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  int millis = 0;
  if (t.size() != 20) {
    const auto fraction = parse_digits(t, 20, 3);
    if (t[19] != '.' || t.size() != 24 || !fraction) return std::nullopt;
    millis = *fraction;
  }
  const std::int64_t days = days_from_civil(*year, *month, *day);
  return ((days * 24 + *hour) * 60 + *minute) * 60000 + std::int64_t{*second} * 1000 + millis;
}

}  // namespace ttft::report
