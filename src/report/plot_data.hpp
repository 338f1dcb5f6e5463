// The figures behind the HTML report's plots, computed once from the samples and the report
// model: CDF points, scatter series (thinned to a stated stride), per-region percentiles, prices,
// the cost-against-ratio curves with their break-even points, and per sweep and conversation turn.
// The exporter only draws them (STYLE.md, principle 5). A plot with nothing to show says why.
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

inline constexpr double kLogAxisSpan = 10;     // swept values spanning this factor get a log x axis
inline constexpr std::size_t kFitPoints = 25;  // points along each fitted line (curved on a log axis)

/// Where two targets' fitted lines cross: x in input tokens, y the TTFT there in ms.
struct CrossoverMark {
  std::string target_a, target_b;
  plot::Point at;
};

/// A target's saturation point on the throughput plot: x the swept value, y its requests/s.
struct SaturationMark {
  std::string target;
  plot::Point at;
};

struct SweepPlotData {
  std::string phase, parameter;       // the sweep as written and what it varies
  bool log_x = false;                 // the values span kLogAxisSpan or more
  std::vector<SeriesData> ttft_p50, ttft_p95;  // per target with a measured value: (value, ms)
  std::vector<SeriesData> fits;       // input_tokens sweeps: (input tokens, a + b·x ms) per fitted target
  std::vector<CrossoverMark> crossovers;
  std::vector<SeriesData> throughput;  // concurrency and rate sweeps: (value, requests/s)
  std::vector<SaturationMark> saturation;
  std::string ttft_missing, throughput_missing;  // why a plot has nothing to draw
};

struct TurnPlotData {
  std::vector<SeriesData> ttft_p50;  // per target: (turn, ms)
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
  std::vector<SweepPlotData> sweeps;  // one per report sweep; empty without sweeps
  std::optional<TurnPlotData> turns;  // with conversations only
};

/// Every plot's data from the samples and the report built from them (its targets, phases,
/// prices, costs and break-evens). Deterministic.
HtmlPlotData build_plot_data(const PlotSamples& samples, const Report& report);

}  // namespace ttft::report
