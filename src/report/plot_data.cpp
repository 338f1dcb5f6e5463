// build_plot_data: one pass over the compact samples per plot, grouped by the report's target
// and phase order so colours and dashes mean the same target and phase in every plot.
#include "report/plot_data.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/check.hpp"
#include "cost/request_cost.hpp"
#include "report/sweep_plot_data.hpp"
#include "stats/percentile.hpp"

namespace ttft::report {
namespace {

constexpr double kMinIdleSpread = 2;  // max / min idle before the cold-start curve says anything
constexpr double kMinRatioAxis = 4;   // input:output ratios drawn at least up to this
constexpr double kRatioHeadroom = 1.5;
constexpr std::size_t kCurvePoints = 41;
constexpr double kPusdPerUsd = 1e12;
constexpr double kRequestsPerUnit = 1000;  // the curve is per 1,000 requests

std::size_t position_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Series indices of the samples' name lists in the report's (which include every observed name).
struct NameMap {
  std::vector<std::size_t> target, phase;
};

NameMap map_names(const PlotSamples& samples, const Report& report) {
  NameMap map;
  for (const auto& t : samples.targets) map.target.push_back(position_of(report.run.targets, t));
  for (const auto& p : samples.phases) map.phase.push_back(position_of(report.run.phases, p));
  const auto known = [](const std::vector<std::size_t>& at, std::size_t size) {
    return std::all_of(at.begin(), at.end(), [size](std::size_t i) { return i < size; });
  };
  TTFT_CHECK(known(map.target, report.run.targets.size()) && known(map.phase, report.run.phases.size()),
             "the plot samples hold a target or phase the report does not");
  return map;
}

// Per-target series (in report order) holding every point offered, then thinned.
class SeriesSet {
 public:
  explicit SeriesSet(const Report& report) : report_(report) {}

  void add(std::size_t target, plot::Point point) {
    auto [it, inserted] = by_target_.try_emplace(target);
    if (inserted) {
      it->second.target = report_.run.targets[target];
      it->second.target_index = target;
    }
    it->second.points.push_back(point);
  }

  /// Series in target order, every stride-th point kept beyond kMaxScatterPoints (sample order,
  /// so the thinning is spread evenly over the run).
  std::vector<SeriesData> thinned() && {
    std::vector<SeriesData> out;
    for (auto& [target, series] : by_target_) {
      series.total = series.points.size();
      series.stride = std::max<std::size_t>((series.total + kMaxScatterPoints - 1) / kMaxScatterPoints, 1);
      if (series.stride > 1) {
        std::vector<plot::Point> kept;
        for (std::size_t i = 0; i < series.total; i += series.stride) kept.push_back(series.points[i]);
        series.points = std::move(kept);
      }
      out.push_back(std::move(series));
    }
    return out;
  }

 private:
  const Report& report_;
  std::map<std::size_t, SeriesData> by_target_;
};

CdfData ttft_cdf(const PlotSamples& samples, const NameMap& names, const Report& report) {
  std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> values;  // (target, phase) → ttft
  for (const PlotSample& row : samples.rows) {
    if (!row.failed && row.ttft_ms) values[{names.target[row.target], names.phase[row.phase]}].push_back(*row.ttft_ms);
  }
  CdfData cdf;
  for (auto& [key, sorted] : values) {
    std::sort(sorted.begin(), sorted.end());
    SeriesData& s = cdf.series.emplace_back();
    s.target = report.run.targets[key.first];
    s.phase = report.run.phases[key.second];
    s.target_index = key.first;
    s.phase_index = key.second;
    s.total = sorted.size();
    // Evenly spaced order statistics (the first and last always), each with the fraction of
    // samples at or below it.
    const std::size_t shown = std::min(s.total, kMaxCdfPoints);
    for (std::size_t j = 0; j < shown; ++j) {
      const std::size_t i = shown == 1 ? 0 : j * (s.total - 1) / (shown - 1);
      s.points.push_back({sorted[i], static_cast<double>(i + 1) / static_cast<double>(s.total)});
    }
  }
  if (cdf.series.empty()) cdf.missing = "No successful request measured a time to first token.";
  return cdf;
}

ScatterData ttft_over_time(const PlotSamples& samples, const NameMap& names, const Report& report) {
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  for (const PlotSample& row : samples.rows) {
    if (row.started_utc_ms) first = std::min(first, *row.started_utc_ms);
  }
  SeriesSet ok(report), failed(report);
  for (const PlotSample& row : samples.rows) {
    if (!row.started_utc_ms) continue;
    const double t_s = static_cast<double>(*row.started_utc_ms - first) / 1000;
    if (row.failed) {
      failed.add(names.target[row.target], {t_s, 0});
    } else if (row.ttft_ms) {
      ok.add(names.target[row.target], {t_s, *row.ttft_ms});
    }
  }
  ScatterData data{std::move(ok).thinned(), std::move(failed).thinned(), {}};
  if (data.series.empty() && data.errors.empty()) data.missing = "No sample records when it started.";
  return data;
}

// Idle times in scenario time, as the idle-sweep table shows them: a run with a time_scale (the
// simulated demo) measured them compressed.
ScatterData ttft_vs_idle(const PlotSamples& samples, const NameMap& names, const Report& report) {
  SeriesSet set(report);
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  for (const PlotSample& row : samples.rows) {
    if (row.failed || !row.ttft_ms || !row.idle_before_s || *row.idle_before_s <= 0) continue;
    const double idle_s = scenario_seconds(report.run.time_scale_by_run, samples.runs[row.run], *row.idle_before_s);
    set.add(names.target[row.target], {idle_s, *row.ttft_ms});
    lo = std::min(lo, idle_s);
    hi = std::max(hi, idle_s);
  }
  ScatterData data{std::move(set).thinned(), {}, {}};
  if (data.series.empty()) {
    data.missing = "No successful sample records the idle time before it.";
  } else if (hi < kMinIdleSpread * lo) {
    data.missing = "Every request followed about the same idle time, so there is no cold-start curve to draw.";
    data.series.clear();
  }
  return data;
}

ScatterData first_token_vs_event(const PlotSamples& samples, const NameMap& names, const Report& report) {
  SeriesSet set(report);
  for (const PlotSample& row : samples.rows) {
    if (!row.failed && row.ttft_ms && row.first_token_ms) {
      set.add(names.target[row.target], {*row.ttft_ms, *row.first_token_ms});
    }
  }
  ScatterData data{std::move(set).thinned(), {}, {}};
  if (data.series.empty()) data.missing = "No successful request measured both its first event and first token.";
  return data;
}

RegionBarsData region_percentiles(const PlotSamples& samples, const NameMap& names, const Report& report) {
  RegionBarsData data;
  std::vector<std::size_t> region_slot(samples.regions.size(), 0);
  for (std::size_t r = 0; r < samples.regions.size(); ++r) {
    if (samples.regions[r].empty()) continue;
    region_slot[r] = data.regions.size();
    data.regions.push_back(samples.regions[r]);
  }
  if (data.regions.empty()) {
    data.missing = "No sample records a region (run with --region LABEL, then merge the runs with report).";
    return data;
  }
  const std::size_t targets = report.run.targets.size();
  std::vector<std::vector<std::vector<double>>> values(targets, std::vector<std::vector<double>>(data.regions.size()));
  for (const PlotSample& row : samples.rows) {
    if (row.failed || !row.ttft_ms || samples.regions[row.region].empty()) continue;
    values[names.target[row.target]][region_slot[row.region]].push_back(*row.ttft_ms);
  }
  for (std::size_t t = 0; t < targets; ++t) {
    data.targets.push_back(report.run.targets[t]);
    data.target_indices.push_back(t);
    auto& p50 = data.p50_ms.emplace_back();
    auto& p95 = data.p95_ms.emplace_back();
    for (auto& region_values : values[t]) {
      p50.push_back(stats::percentile(region_values, 50));
      p95.push_back(stats::percentile(std::move(region_values), 95));
    }
  }
  return data;
}

CostBarsData cost_per_mtok(const Report& report) {
  CostBarsData data;
  for (std::size_t t = 0; t < report.run.targets.size(); ++t) {
    const std::string& target = report.run.targets[t];
    const auto cost = report.costs.find(target);
    if (report.run.pricing.count(target) == 0 || cost == report.costs.end()) continue;
    data.targets.push_back(target);
    data.target_indices.push_back(t);
    const auto& c = cost->second;
    data.usd_per_mtok.push_back({c.prices.input_usd_per_mtok, c.prices.output_usd_per_mtok, c.blended_usd_per_mtok});
  }
  if (data.targets.empty()) data.missing = "No target has pricing in the scenario.";
  return data;
}

double curve_usd_per_1k(const cost::Pricing& pricing, double ratio, double output_tokens) {
  const auto input = static_cast<std::int64_t>(std::llround(ratio * output_tokens));
  const auto output = static_cast<std::int64_t>(std::llround(output_tokens));
  return static_cast<double>(cost::request_cost(pricing, input, output)) / kPusdPerUsd * kRequestsPerUnit;
}

CostCurveData cost_curve(const Report& report) {
  CostCurveData data;
  data.output_tokens = cost::kDefaultReferenceOutputTokens;
  double ratio_max = kMinRatioAxis;
  for (const auto& [pair, result] : report.break_evens) {
    if (result.kind == cost::BreakEvenKind::crosses && result.input_per_output) {
      ratio_max = std::max(ratio_max, kRatioHeadroom * *result.input_per_output);
    }
  }
  for (const auto& [target, c] : report.costs) {
    if (c.output_tokens > 0) {
      ratio_max = std::max(ratio_max, kRatioHeadroom * static_cast<double>(c.input_tokens) /
                                          static_cast<double>(c.output_tokens));
    }
  }
  for (std::size_t t = 0; t < report.run.targets.size(); ++t) {
    const auto priced = report.run.pricing.find(report.run.targets[t]);
    if (priced == report.run.pricing.end() || priced->second.empty()) continue;
    SeriesData& s = data.series.emplace_back();
    s.target = report.run.targets[t];
    s.target_index = t;
    for (std::size_t i = 0; i < kCurvePoints; ++i) {
      const double ratio = ratio_max * static_cast<double>(i) / static_cast<double>(kCurvePoints - 1);
      s.points.push_back({ratio, curve_usd_per_1k(priced->second, ratio, data.output_tokens)});
    }
    s.total = s.points.size();
  }
  for (const auto& [pair, result] : report.break_evens) {
    if (result.kind != cost::BreakEvenKind::crosses || !result.input_per_output) continue;
    const auto& pricing_a = report.run.pricing.at(pair.first);
    data.marks.push_back({pair.first, pair.second, *result.input_per_output,
                          curve_usd_per_1k(pricing_a, *result.input_per_output, data.output_tokens)});
  }
  if (data.series.empty()) data.missing = "No target has pricing in the scenario.";
  return data;
}

}  // namespace

HtmlPlotData build_plot_data(const PlotSamples& samples, const Report& report) {
  const NameMap names = map_names(samples, report);
  HtmlPlotData data;
  data.ttft_cdf = ttft_cdf(samples, names, report);
  data.ttft_over_time = ttft_over_time(samples, names, report);
  data.ttft_vs_idle = ttft_vs_idle(samples, names, report);
  data.first_token_vs_event = first_token_vs_event(samples, names, report);
  data.region_percentiles = region_percentiles(samples, names, report);
  data.cost_per_mtok = cost_per_mtok(report);
  data.cost_curve = cost_curve(report);
  data.sweeps = build_sweep_plot_data(report);
  data.turns = build_turn_plot_data(report);
  return data;
}

}  // namespace ttft::report
