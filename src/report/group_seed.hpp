// Seeds for the report's bootstrap resampling, derived from the run's recorded seed so that a
// report re-rendered from the same samples shows the same confidence intervals.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace ttft::report {

/// splitmix64(run_seed XOR FNV-1a-64 of the parts joined by 0x1F): a fixed, platform-independent
/// seed per group (e.g. {"edge", "warm", "ttft", "p50"}); distinct groups get unrelated streams.
std::uint64_t group_seed(std::uint64_t run_seed, std::initializer_list<std::string_view> parts);

}  // namespace ttft::report
