// build_sweep_plot_data and build_turn_plot_data: copies of the report's sweep and turn figures
// shaped as plot series, with each target keeping its colour (its index in run.targets).
#include "report/sweep_plot_data.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace ttft::report {
namespace {

constexpr double kTokensPerFitUnit = 1000;  // the fit's slope is in ms per 1,000 input tokens

std::size_t target_index(const Report& report, const std::string& target) {
  const auto& targets = report.run.targets;
  return static_cast<std::size_t>(std::find(targets.begin(), targets.end(), target) - targets.begin());
}

SeriesData series_for(const Report& report, const std::string& target) {
  SeriesData s;
  s.target = target;
  s.target_index = target_index(report, target);
  return s;
}

bool spans_decade(const std::vector<double>& values) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return lo != values.end() && *lo > 0 && *hi / *lo >= kLogAxisSpan;
}

double fitted_ms(const LinearFit& fit, double input_tokens) {
  return fit.intercept_ms + fit.slope_ms_per_1k * input_tokens / kTokensPerFitUnit;
}

/// a + b·x sampled along [x_min, x_max], evenly on the axis the plot uses.
std::vector<plot::Point> fit_line(const LinearFit& fit, bool log_x) {
  std::vector<plot::Point> points;
  const bool log = log_x && fit.x_min > 0;
  const double from = log ? std::log(fit.x_min) : fit.x_min;
  const double to = log ? std::log(fit.x_max) : fit.x_max;
  for (std::size_t i = 0; i < kFitPoints; ++i) {
    const double t = from + (to - from) * static_cast<double>(i) / static_cast<double>(kFitPoints - 1);
    const double x = log ? std::exp(t) : t;
    points.push_back({x, fitted_ms(fit, x)});
  }
  return points;
}

void add_percentiles(SweepPlotData& data, const SweepReport& sweep, std::size_t t, const Report& report) {
  SeriesData p50 = series_for(report, sweep.targets[t]), p95 = p50, rps = p50;
  for (const SweepPoint& point : sweep.points[t]) {
    if (point.ttft_p50_ms) p50.points.push_back({point.value, *point.ttft_p50_ms});
    if (point.ttft_p95_ms) p95.points.push_back({point.value, *point.ttft_p95_ms});
    if (point.requests_per_s) rps.points.push_back({point.value, *point.requests_per_s});
  }
  if (!p50.points.empty()) data.ttft_p50.push_back(std::move(p50));
  if (!p95.points.empty()) data.ttft_p95.push_back(std::move(p95));
  if (sweep.parameter != "input_tokens" && !rps.points.empty()) data.throughput.push_back(std::move(rps));
}

void add_fits(SweepPlotData& data, const SweepReport& sweep, const Report& report) {
  for (std::size_t t = 0; t < sweep.fits.size() && t < sweep.targets.size(); ++t) {
    if (!sweep.fits[t] || sweep.fits[t]->n == 0) continue;
    SeriesData line = series_for(report, sweep.targets[t]);
    line.points = fit_line(*sweep.fits[t], data.log_x);
    data.fits.push_back(std::move(line));
  }
  for (const Crossover& c : sweep.crossovers) {
    if (!c.input_tokens) continue;
    const auto a = std::find(sweep.targets.begin(), sweep.targets.end(), c.target_a);
    const auto index = static_cast<std::size_t>(a - sweep.targets.begin());
    if (index >= sweep.fits.size() || !sweep.fits[index]) continue;
    data.crossovers.push_back({c.target_a, c.target_b, {*c.input_tokens, fitted_ms(*sweep.fits[index], *c.input_tokens)}});
  }
}

void add_saturation(SweepPlotData& data, const SweepReport& sweep) {
  for (const Saturation& s : sweep.saturation) {
    if (!s.value || !s.reached) continue;  // the last value of a sweep that never saturated is no knee
    const auto t = std::find(sweep.targets.begin(), sweep.targets.end(), s.target) - sweep.targets.begin();
    if (static_cast<std::size_t>(t) >= sweep.points.size()) continue;
    for (const SweepPoint& point : sweep.points[static_cast<std::size_t>(t)]) {
      if (point.value == *s.value && point.requests_per_s) data.saturation.push_back({s.target, {point.value, *point.requests_per_s}});
    }
  }
}

SweepPlotData sweep_plot(const SweepReport& sweep, const Report& report) {
  SweepPlotData data;
  data.phase = sweep.phase;
  data.parameter = sweep.parameter;
  data.log_x = spans_decade(sweep.values);
  for (std::size_t t = 0; t < sweep.targets.size() && t < sweep.points.size(); ++t) {
    add_percentiles(data, sweep, t, report);
  }
  if (data.ttft_p50.empty()) data.ttft_missing = "No target had a successful request in this sweep.";
  if (sweep.parameter == "input_tokens") {
    add_fits(data, sweep, report);
  } else {
    add_saturation(data, sweep);
    if (data.throughput.empty()) data.throughput_missing = "No throughput was measured in this sweep.";
  }
  return data;
}

}  // namespace

std::vector<SweepPlotData> build_sweep_plot_data(const Report& report) {
  std::vector<SweepPlotData> out;
  for (const SweepReport& sweep : report.sweeps) out.push_back(sweep_plot(sweep, report));
  return out;
}

std::optional<TurnPlotData> build_turn_plot_data(const Report& report) {
  if (report.turns.empty()) return std::nullopt;
  TurnPlotData data;
  for (const TurnRow& row : report.turns) {
    if (!row.ttft_p50_ms) continue;
    auto found = std::find_if(data.ttft_p50.begin(), data.ttft_p50.end(),
                              [&](const SeriesData& s) { return s.target == row.target; });
    if (found == data.ttft_p50.end()) found = data.ttft_p50.insert(data.ttft_p50.end(), series_for(report, row.target));
    found->points.push_back({static_cast<double>(row.turn), *row.ttft_p50_ms});
  }
  for (SeriesData& s : data.ttft_p50) {
    std::sort(s.points.begin(), s.points.end(), [](const plot::Point& a, const plot::Point& b) { return a.x < b.x; });
  }
  if (data.ttft_p50.empty()) data.missing = "No conversation turn had a successful request.";
  return data;
}

}  // namespace ttft::report
