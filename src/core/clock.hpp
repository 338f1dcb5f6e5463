// The only place that reads a clock. Measurements use the monotonic clock (steady_clock,
// CLOCK_MONOTONIC on Linux, shared by every process on the machine); wall time appears once per
// sample (started_at) and once per run.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ttft {

/// Nanoseconds: absolute on the monotonic clock, or a difference of two such readings.
using Nanos = std::int64_t;

constexpr Nanos kNanosPerMs = 1'000'000;
constexpr Nanos kNanosPerSecond = 1'000'000'000;

/// Monotonic clock reading in nanoseconds (CLOCK_MONOTONIC).
inline Nanos monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

using WallTime = std::chrono::system_clock::time_point;

inline WallTime wall_now() { return std::chrono::system_clock::now(); }

/// "2026-11-21T10:33:05.123Z": ISO-8601 UTC with milliseconds.
std::string format_utc_ms(WallTime time);

/// "20261121T103305Z": compact UTC stamp for folder names.
std::string format_utc_compact(WallTime time);

}  // namespace ttft
