// Sweep points from what build_report already made (rows' percentiles, goodput rows) and the
// groups' tallies (wall time, output tokens, fit co-moments); turns from the per-turn TTFT values.
#include "report/workload_figures.hpp"

#include <algorithm>

#include "report/sweep_analysis.hpp"
#include "stats/percentile.hpp"

namespace ttft::report {
namespace {

constexpr const char* kUnknownParameter = "value";

const MetricGroup* group_of(const MetricGroups& groups, const std::string& target, const std::string& phase) {
  const auto found = groups.groups.find(GroupKeyLess::View{target, phase});
  return found == groups.groups.end() ? nullptr : &found->second;
}

bool listed(const std::vector<results::SweepFacts>& sweeps, const std::string& phase) {
  return std::any_of(sweeps.begin(), sweeps.end(), [&](const results::SweepFacts& sweep) {
    return std::find(sweep.phases.begin(), sweep.phases.end(), phase) != sweep.phases.end();
  });
}

// run.sweeps, then sweeps inferred from phase names whose rows carry a sweep_value.
std::vector<results::SweepFacts> sweeps_of(const RunInfo& run, const MetricGroups& groups) {
  std::vector<results::SweepFacts> sweeps = run.sweeps;
  for (const std::string& phase : run.phases) {
    const auto at = phase.rfind('@');
    if (at == std::string::npos || listed(sweeps, phase)) continue;
    std::optional<double> value;
    for (const std::string& target : run.targets) {
      const MetricGroup* group = group_of(groups, target, phase);
      if (group != nullptr && group->sweep.value) value = group->sweep.value;
    }
    if (!value) continue;
    const std::string base = phase.substr(0, at);
    auto sweep = std::find_if(sweeps.begin(), sweeps.end(), [&](const auto& s) { return s.phase == base; });
    if (sweep == sweeps.end()) sweep = sweeps.insert(sweeps.end(), {base, kUnknownParameter, {}, {}});
    sweep->values.push_back(*value);
    sweep->phases.push_back(phase);
  }
  return sweeps;
}

std::optional<double> goodput_of(const Report& report, const std::string& target, const std::string& phase) {
  if (!report.goodput) return std::nullopt;
  for (const GoodputRow& row : report.goodput->rows) {
    if (row.target == target && row.phase == phase) return row.goodput;
  }
  return std::nullopt;
}

SweepPoint point_of(const Report& report, const MetricGroup* group, const std::string& target,
                    const std::string& phase, double value) {
  SweepPoint point;
  point.value = value;
  point.phase = phase;
  point.goodput = goodput_of(report, target, phase);
  if (const MetricRow* ttft = find_row(report, target, phase, "ttft")) {
    point.ttft_p50_ms = ttft->summary.p50;
    point.ttft_p95_ms = ttft->summary.p95;
  }
  if (const MetricRow* headline = find_row(report, target, phase, headline_metric(report.run))) {
    point.headline_p50_ms = headline->summary.p50;
    point.headline_p95_ms = headline->summary.p95;
  }
  if (group == nullptr) return point;
  point.requests = group->requests;
  point.errors = group->errors;
  const SweepTally& tally = group->sweep;
  point.wall_s = tally.wall.seconds();
  if (point.wall_s) {
    point.requests_per_s = static_cast<double>(point.requests - point.errors) / *point.wall_s;
    point.output_tokens_per_s = static_cast<double>(tally.output_tokens) / *point.wall_s;
  }
  return point;
}

// Fits and crossovers (input_tokens) or saturation points (concurrency, rate) from the points.
void analyze(SweepReport& sweep, const Report& report, const MetricGroups& groups) {
  if (sweep.parameter == "input_tokens") {
    for (std::size_t t = 0; t < sweep.targets.size(); ++t) {
      stats::LinearFitAccumulator points;  // over every value of the sweep
      for (const SweepPoint& point : sweep.points[t]) {
        if (const MetricGroup* group = group_of(groups, sweep.targets[t], point.phase)) {
          points.merge(group->sweep.ttft_by_input);
        }
      }
      sweep.fits.push_back(ttft_fit(points));
    }
    for (std::size_t i = 0; i < sweep.targets.size(); ++i) {
      for (std::size_t j = i + 1; j < sweep.targets.size(); ++j) {
        sweep.crossovers.push_back(crossover(sweep.targets[i], sweep.fits[i], sweep.targets[j], sweep.fits[j]));
      }
    }
  } else if (sweep.parameter == "concurrency" || sweep.parameter == "rate") {
    const bool with_slo = std::any_of(sweep.points.front().begin(), sweep.points.front().end(), [&](const SweepPoint& p) {
      return report.run.slo.for_phase(p.phase) != nullptr;
    });
    for (std::size_t t = 0; t < sweep.targets.size(); ++t) {
      sweep.saturation.push_back(saturation(sweep.targets[t], sweep.parameter, sweep.points[t], with_slo));
    }
  }
}

}  // namespace

std::vector<SweepReport> build_sweeps(const Report& report, const MetricGroups& groups) {
  std::vector<SweepReport> out;
  for (const results::SweepFacts& facts : sweeps_of(report.run, groups)) {
    SweepReport sweep{facts.phase, facts.parameter, facts.values, report.run.targets, {}, {}, {}, {}};
    for (const std::string& target : sweep.targets) {
      std::vector<SweepPoint>& points = sweep.points.emplace_back();
      for (std::size_t v = 0; v < facts.values.size(); ++v) {
        points.push_back(point_of(report, group_of(groups, target, facts.phases[v]), target, facts.phases[v], facts.values[v]));
      }
    }
    if (!sweep.targets.empty()) analyze(sweep, report, groups);
    out.push_back(std::move(sweep));
  }
  return out;
}

std::vector<TurnRow> build_turns(const RunInfo& run, const MetricGroups& groups) {
  std::vector<TurnRow> rows;
  for (const std::string& target : run.targets) {
    for (auto it = groups.turns.lower_bound({target, INT64_MIN}); it != groups.turns.end() && it->first.first == target;
         ++it) {
      TurnRow row{target, it->first.second, it->second.requests, it->second.errors, std::nullopt, std::nullopt};
      std::vector<double> sorted = it->second.ttft_ms;
      std::sort(sorted.begin(), sorted.end());
      row.ttft_p50_ms = stats::percentile_sorted(sorted, 50);
      row.ttft_p95_ms = stats::percentile_sorted(sorted, 95);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace ttft::report
