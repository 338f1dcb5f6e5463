// Wall times as the results write them: UTC to the millisecond, every field zero-padded.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>

#include "core/clock.hpp"

using ttft::format_utc_ms;
using ttft::WallTime;

namespace {

WallTime at_ms(std::int64_t ms) { return WallTime(std::chrono::milliseconds(ms)); }

}  // namespace

TEST_CASE("a wall time is ISO 8601 UTC with milliseconds, every field zero-padded") {
  CHECK(format_utc_ms(at_ms(0)) == "1970-01-01T00:00:00.000Z");
  CHECK(format_utc_ms(at_ms(1'795'775'585'123)) == "2026-11-27T10:33:05.123Z");
  CHECK(format_utc_ms(at_ms(1'795'775'585'007)) == "2026-11-27T10:33:05.007Z");
  CHECK(format_utc_ms(at_ms(9'000'000'000'999)) == "2255-03-14T16:00:00.999Z");
}
