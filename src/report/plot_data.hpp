// The figures behind the HTML report's plots, computed once from the samples and the report
// model: CDF points, scatter series (thinned to a stated stride), per-region percentiles, prices
// and the cost-against-ratio curves with their break-even points. The exporter only draws them
// (STYLE.md, principle 5). A plot with nothing to show carries the sentence saying why.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plot/xy_chart.hpp"
#include "report/plot_samples.hpp"
#include "report/report_model.hpp"

namespace ttft::report {

inline constexpr std::size_t kMaxCdfPoints = 400;      // per series: evenly spaced order statistics
inline constexpr std::size_t kMaxScatterPoints = 1000;  // per series: every k-th sample beyond this

struct SeriesData {
  std::string target, phase;       // phase empty for per-target series
  std::size_t target_index = 0;    // in report.run.targets: a target keeps its colour everywhere
  std::size_t phase_index = 0;     // in report.run.phases
  std::vector<plot::Point> points;
  std::size_t total = 0;           // samples behind the series before thinning
  std::size_t stride = 1;          // every stride-th sample drawn (scatter); 1 = all
};

struct CdfData {
  std::vector<SeriesData> series;  // per target × phase: (ttft ms, fraction of samples <= it)
  std::string missing;
};

struct ScatterData {
  std::vector<SeriesData> series;  // successful samples
  std::vector<SeriesData> errors;  // failed samples (x only), per target; over time only
  std::string missing;
};

struct RegionBarsData {
  std::vector<std::string> regions;  // non-empty regions, first-seen order
  std::vector<std::string> targets;
  std::vector<std::size_t> target_indices;
  std::vector<std::vector<std::optional<double>>> p50_ms, p95_ms;  // [target][region], ttft
  std::string missing;
};

struct CostBarsData {
  std::vector<std::string> targets;  // priced targets
  std::vector<std::size_t> target_indices;
  std::vector<std::array<std::optional<double>, 3>> usd_per_mtok;  // input, output, blended
  std::string missing;
};

struct BreakEvenMark {
  std::string target_a, target_b;
  double input_per_output = 0;     // the ratio where their requests cost the same
  double usd_per_1k_requests = 0;  // what that cost is
};

struct CostCurveData {
  std::vector<SeriesData> series;  // per priced target: (input:output ratio, USD per 1k requests)
  std::vector<BreakEvenMark> marks;
  double output_tokens = 0;        // output tokens per request along the curve
  std::string missing;
};

struct HtmlPlotData {
  CdfData ttft_cdf;
  ScatterData ttft_over_time;        // (s since the first request started, ttft ms)
  ScatterData ttft_vs_idle;          // (idle_before_s, ttft ms)
  ScatterData first_token_vs_event;  // (ttft ms, first_token ms)
  RegionBarsData region_percentiles;
  CostBarsData cost_per_mtok;
  CostCurveData cost_curve;
};

/// Every plot's data from the samples and the report built from them (its targets, phases,
/// prices, costs and break-evens). Deterministic.
HtmlPlotData build_plot_data(const PlotSamples& samples, const Report& report);

}  // namespace ttft::report
