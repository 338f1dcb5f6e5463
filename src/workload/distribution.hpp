// Lengths drawn per request (docs/scenario.md ("Prompt and output lengths")): a fixed number or a
// uniform, normal or lognormal distribution, always drawn from a seeded generator so a run
// replays exactly. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/random.hpp"

namespace ttft::workload {

enum class DistKind { fixed, uniform, normal, lognormal };

/// "fixed", "uniform", "normal" or "lognormal".
std::string_view dist_kind_name(DistKind kind);

struct Distribution {
  DistKind kind = DistKind::fixed;
  double center = 0;  // fixed: the value; normal: the mean; lognormal: the median; uniform: unused
  double spread = 0;  // normal: the standard deviation; lognormal: sigma (of the log); else unused
  // uniform: the range, both set; the others: optional bounds every draw is clamped to.
  std::optional<double> min, max;

  static Distribution fixed(double value) { return {DistKind::fixed, value, 0, std::nullopt, std::nullopt}; }
};

/// One draw, rounded to the nearest integer, clamped to [min, max] when they are set, and never
/// below 1 (a prompt or an output of zero tokens is not a request).
std::int64_t draw_length(const Distribution& dist, Rng& rng);

/// The distribution's median as a length (for tables and estimates): fixed: the value; uniform:
/// the middle of the range; normal: the mean; lognormal: the median; clamped as draw_length is.
std::int64_t median_length(const Distribution& dist);

}  // namespace ttft::workload
