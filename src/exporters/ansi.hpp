// The ANSI styles the terminal exporters use when colour is on.
#pragma once

namespace ttft::exporters {

inline constexpr const char* kBold = "\x1b[1m";
inline constexpr const char* kReset = "\x1b[0m";

}  // namespace ttft::exporters
