// Durations as users write them ("250ms", "30s", "1.5m", "1h") and as we print them.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace ttft {

/// Parses a non-negative number followed by a unit: us, ms, s, m, h. A bare number or an unknown
/// unit is an error (Error::where is left empty for the caller to fill in).
Result<Nanos> parse_duration(std::string_view text);

/// Nanoseconds as milliseconds with microsecond resolution.
constexpr double to_ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }

/// A human duration: "850 ms", "12.3 s", "4m05s", "1h02m".
std::string format_duration(Nanos ns);

}  // namespace ttft
