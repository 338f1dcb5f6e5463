#include "core/clock.hpp"

#include <cstdint>
#include <ctime>

#include <fmt/format.h>

namespace ttft {
namespace {

std::tm utc_tm(WallTime time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return tm;
}

// `value` (0 <= value < 10^width) as `width` decimal digits at text[at].
void put_digits(std::string& text, std::size_t at, std::size_t width, std::int64_t value) {
  for (std::size_t i = width; i-- > 0; value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_utc_ms(WallTime time) {
  const std::tm tm = utc_tm(time);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch())
                      .count() % 1000;
  const int year = tm.tm_year + 1900;
  if (year < 0 || year > 9999 || ms < 0) {  // outside "YYYY-…": fmt widens the fields
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  }
  // Digit by digit: every row's started_at, so fmt's format-string parsing is kept off the row.
  std::string text = "0000-00-00T00:00:00.000Z";
  put_digits(text, 0, 4, year);
  put_digits(text, 5, 2, tm.tm_mon + 1);
  put_digits(text, 8, 2, tm.tm_mday);
  put_digits(text, 11, 2, tm.tm_hour);
  put_digits(text, 14, 2, tm.tm_min);
  put_digits(text, 17, 2, tm.tm_sec);
  put_digits(text, 20, 3, ms);
  return text;
}

std::string format_utc_compact(WallTime time) {
  const std::tm tm = utc_tm(time);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace ttft
