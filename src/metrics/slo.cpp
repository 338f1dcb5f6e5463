// SLO bounds against a request's metric values, read through the metric table (definitions.cpp),
// so an SLO on a metric means the same number the reports show for it.
#include "metrics/slo.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/duration.hpp"
#include "metrics/definitions.hpp"

namespace ttft::metrics {
namespace {

// Times from t0 that a request has once;
// itl_p50 (a gap) and decode_tps (a rate) are not a moment a user waits for.
constexpr std::string_view kBoundable[] = {"ttft", "first_token", "first_answer", "e2e", "ttfb"};

}  // namespace

const Slo* SloSpec::for_phase(std::string_view phase) const {
  for (const auto& [name, slo] : by_phase) {
    if (name == phase) return &slo;
  }
  return every_phase ? &*every_phase : nullptr;
}

std::vector<std::string> slo_metric_names() {
  std::vector<std::string> names;
  for (const std::string_view name : kBoundable) {
    if (find_metric(name) != nullptr) names.emplace_back(name);
  }
  return names;
}

std::optional<std::string> check_slo_metric(std::string_view metric) {
  const auto names = slo_metric_names();
  if (std::find(names.begin(), names.end(), metric) != names.end()) return std::nullopt;
  return fmt::format("unknown SLO metric \"{}\" (expected {})", metric, fmt::join(names, ", "));
}

bool meets_slo(const Slo& slo, const samples::Sample& sample) {
  if (!sample.error.empty()) return false;
  return std::all_of(slo.bounds.begin(), slo.bounds.end(), [&](const SloBound& bound) {
    const auto value_ms = metric_value(sample, bound.metric);
    return value_ms && *value_ms <= to_ms(bound.limit_ns);
  });
}

std::string slo_text(const Slo& slo) {
  std::vector<std::string> parts;
  for (const SloBound& bound : slo.bounds) {
    const double ms = to_ms(bound.limit_ns);
    const std::string limit = ms < 1000 ? fmt::format("{:g} ms", ms) : fmt::format("{:g} s", ms / 1000);
    parts.push_back(fmt::format("{} \u2264 {}", bound.metric, limit));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace ttft::metrics
