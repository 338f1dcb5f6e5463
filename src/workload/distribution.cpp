#include "workload/distribution.hpp"

#include <algorithm>
#include <cmath>

#include "stats/random_variates.hpp"

namespace ttft::workload {
namespace {

std::int64_t as_length(const Distribution& dist, double value) {
  if (dist.min) value = std::max(value, *dist.min);
  if (dist.max) value = std::min(value, *dist.max);
  return std::max<std::int64_t>(1, std::llround(value));
}

}  // namespace

std::string_view dist_kind_name(DistKind kind) {
  switch (kind) {
    case DistKind::fixed: return "fixed";
    case DistKind::uniform: return "uniform";
    case DistKind::normal: return "normal";
    case DistKind::lognormal: return "lognormal";
  }
  return "fixed";
}

std::int64_t draw_length(const Distribution& dist, Rng& rng) {
  switch (dist.kind) {
    case DistKind::fixed: return as_length(dist, dist.center);
    case DistKind::uniform: {
      // Every integer in [min, max] equally likely.
      const auto low = static_cast<std::int64_t>(std::ceil(*dist.min));
      const auto high = static_cast<std::int64_t>(std::floor(*dist.max));
      if (high <= low) return as_length(dist, static_cast<double>(low));
      const auto span = static_cast<std::uint64_t>(high - low) + 1;
      return as_length(dist, static_cast<double>(low + static_cast<std::int64_t>(rng.below(span))));
    }
    case DistKind::normal: return as_length(dist, dist.center + dist.spread * stats::normal_variate(rng));
    case DistKind::lognormal:
      return as_length(dist, dist.center * std::exp(dist.spread * stats::normal_variate(rng)));
  }
  return as_length(dist, dist.center);
}

std::int64_t median_length(const Distribution& dist) {
  if (dist.kind == DistKind::uniform) return as_length(dist, (*dist.min + *dist.max) / 2);
  return as_length(dist, dist.center);
}

}  // namespace ttft::workload
