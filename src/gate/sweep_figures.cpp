// Reading sweep figures for assertions; every absent figure says why it is absent.
#include "gate/sweep_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace ttft::gate {
namespace {

using report::SweepReport;

constexpr const char* kInputTokens = "input_tokens";

bool applies(Stat stat, const SweepReport& sweep) {
  const bool fitted = sweep.parameter == kInputTokens;
  return stat == Stat::saturation ? !fitted : fitted;
}

std::optional<std::size_t> target_index(const SweepReport& sweep, const std::string& target) {
  const auto found = std::find(sweep.targets.begin(), sweep.targets.end(), target);
  if (found == sweep.targets.end()) return std::nullopt;
  return static_cast<std::size_t>(found - sweep.targets.begin());
}

std::string basis_words(const std::string& basis) {
  if (basis == "slo") return "the highest value meeting the SLO";
  if (basis == "throughput") return "where throughput stops growing by 10%";
  return basis;
}

Measured measure_saturation(const Assertion& a, const SweepReport& sweep, const std::string& target) {
  const auto found = std::find_if(sweep.saturation.begin(), sweep.saturation.end(),
                                  [&](const report::Saturation& s) { return s.target == target; });
  if (found == sweep.saturation.end()) return {std::nullopt, "", "not measured: no saturation point for " + target};
  if (!found->value) {
    const std::string why = found->text.empty() ? "" : " (" + found->text + ")";
    return {std::nullopt, "", fmt::format("not measured: no {} qualifies as the saturation point{}", sweep.parameter, why)};
  }
  return {found->value,
          fmt::format("{} ({}, {})", number_text(*found->value, a.threshold), sweep.parameter, basis_words(found->basis)),
          ""};
}

Measured measure_fit(const Assertion& a, const SweepReport& sweep, std::size_t t, const std::string& target) {
  if (t >= sweep.fits.size() || !sweep.fits[t]) {
    return {std::nullopt, "", fmt::format("not measured: no TTFT fit for {} in {} (too few successful rows)", target,
                                          sweep.phase)};
  }
  const report::LinearFit& fit = *sweep.fits[t];
  if (a.stat == Stat::slope) {
    return {fit.slope_ms_per_1k,
            fmt::format("{} ms per 1,000 input tokens, n = {}", number_text(fit.slope_ms_per_1k, a.threshold), fit.n),
            ""};
  }
  return {fit.intercept_ms, fmt::format("{} ms, n = {}", number_text(fit.intercept_ms, a.threshold), fit.n), ""};
}

}  // namespace

bool is_sweep_value_stat(Stat stat) { return stat == Stat::throughput || stat == Stat::output_tps; }

std::vector<std::string> sweep_wildcard_names(const Assertion& a, const report::Report& report) {
  std::vector<std::string> names;
  for (const SweepReport& sweep : report.sweeps) {
    if (a.subject == Subject::sweep_stat) {
      if (applies(a.stat, sweep)) names.push_back(sweep.phase);
      continue;
    }
    for (const auto& points : sweep.points) {
      for (const report::SweepPoint& point : points) {
        if (std::find(names.begin(), names.end(), point.phase) == names.end()) names.push_back(point.phase);
      }
    }
  }
  return names;
}

std::vector<std::string> sweep_names(const report::Report& report) {
  std::vector<std::string> names;
  for (const SweepReport& sweep : report.sweeps) names.push_back(sweep.phase);
  return names;
}

Measured measure_sweep_value(const Assertion& a, const report::Report& report, const std::string& target,
                             const std::string& phase) {
  for (const SweepReport& sweep : report.sweeps) {
    const auto t = target_index(sweep, target);
    if (!t || *t >= sweep.points.size()) continue;
    for (const report::SweepPoint& point : sweep.points[*t]) {
      if (point.phase != phase) continue;
      const bool requests = a.stat == Stat::throughput;
      const auto& value = requests ? point.requests_per_s : point.output_tokens_per_s;
      if (!value) {
        return {std::nullopt, "", fmt::format("not measured: no successful request with a wall time ({} requests, {} "
                                              "failed)", point.requests, point.errors)};
      }
      return {value, fmt::format("{} {}/s", number_text(*value, a.threshold), requests ? "requests" : "output tokens"),
              ""};
    }
  }
  return {std::nullopt, "", fmt::format("not measured: no sweep figures for {} at {}", target, phase)};
}

Measured measure_sweep(const Assertion& a, const report::Report& report, const std::string& target,
                       const std::string& sweep_name) {
  const auto sweep = std::find_if(report.sweeps.begin(), report.sweeps.end(),
                                  [&](const SweepReport& s) { return s.phase == sweep_name; });
  if (sweep == report.sweeps.end()) return {std::nullopt, "", "not measured: no sweep " + sweep_name};
  if (!applies(a.stat, *sweep)) {
    const char* has = a.stat == Stat::saturation ? "concurrency and rate sweeps have a saturation point"
                                                 : "input_tokens sweeps have a TTFT fit";
    return {std::nullopt, "", fmt::format("not measured: {} sweeps {}; {}", sweep->phase, sweep->parameter, has)};
  }
  const auto t = target_index(*sweep, target);
  if (!t) return {std::nullopt, "", fmt::format("not measured: {} is not in sweep {}", target, sweep->phase)};
  return a.stat == Stat::saturation ? measure_saturation(a, *sweep, target) : measure_fit(a, *sweep, *t, target);
}

}  // namespace ttft::gate
