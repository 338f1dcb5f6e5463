#include "telemetry/row_record.hpp"

#include <charconv>
#include <ctime>

namespace ttft::telemetry {
namespace {

std::optional<double> seconds_of(const std::optional<Nanos>& ns) {
  if (!ns) return std::nullopt;
  return static_cast<double>(*ns) / 1e9;
}

bool read_int(std::string_view text, std::size_t at, std::size_t digits, int& value) {
  if (at + digits > text.size()) return false;
  const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + digits, value);
  return ec == std::errc() && end == text.data() + at + digits;
}

}  // namespace

std::optional<std::int64_t> parse_utc_ms(std::string_view text) {
  // 0123456789012345678901234
  // 2026-11-21T10:33:05.123Z
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  if (!read_int(text, 0, 4, year) || !read_int(text, 5, 2, month) || !read_int(text, 8, 2, day) ||
      !read_int(text, 11, 2, hour) || !read_int(text, 14, 2, minute) || !read_int(text, 17, 2, second) ||
      !read_int(text, 20, 3, ms)) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + ms;
}

RowRecord record_of(const samples::Sample& s, std::int64_t in_flight) {
  RowRecord r{s.run_id, s.target, s.phase, s.region, s.error, seconds_of(s.ttft_ns), seconds_of(s.first_token_ns),
              seconds_of(s.first_answer_ns), seconds_of(s.e2e_ns), s.cost_pusd.value_or(0),
              s.input_tokens.value_or(0), s.output_tokens.value_or(0), 0, in_flight};
  if (const auto started_ms = parse_utc_ms(s.started_at)) {
    r.ended_unix_ms = *started_ms + (s.e2e_ns ? *s.e2e_ns / kNanosPerMs : 0);
  }
  return r;
}

}  // namespace ttft::telemetry
