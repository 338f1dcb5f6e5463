// Each plot drawn from its data with the sentence that describes it; numbers formatted here.
#include "exporters/html/html_charts.hpp"

#include <fmt/format.h>

#include "exporters/html/sweep_charts.hpp"
#include "plot/bar_chart.hpp"
#include "report/number_format.hpp"

namespace ttft::exporters {

using report::BreakEvenMark;
using report::CdfData;
using report::CostBarsData;
using report::CostCurveData;
using report::find_row;
using report::format_readable;
using report::format_significant;
using report::HtmlPlotData;
using report::kAllPhases;
using report::kMaxCdfPoints;
using report::MetricRow;
using report::RegionBarsData;
using report::Report;
using report::ScatterData;
using report::SeriesData;

namespace {

constexpr int kPriceDigits = 4;

std::string series_name(const SeriesData& s) { return s.phase.empty() ? s.target : s.target + " · " + s.phase; }

// "edge: every 5th of 5000 samples shown" for each thinned series; "" when none is.
std::string thinning_note(const std::vector<SeriesData>& series) {
  std::string note;
  for (const SeriesData& s : series) {
    if (s.stride <= 1) continue;
    note += fmt::format(" {}: 1 in {} of {} samples shown.", series_name(s), s.stride, s.total);
  }
  return note;
}

std::vector<plot::Series> as_series(const std::vector<SeriesData>& data, plot::SeriesKind kind) {
  std::vector<plot::Series> out;
  for (const SeriesData& s : data) {
    out.push_back({series_name(s), kind, s.points, s.target_index, s.phase_index, std::nullopt});
  }
  return out;
}

std::string percentile_text(const Report& report, const std::string& target, const std::string& phase,
                            const char* metric) {
  const MetricRow* row = find_row(report, target, phase, metric);
  if (row == nullptr) return "not measured";
  return fmt::format("p50 {} ms, p95 {} ms (n = {})", format_readable(row->summary.p50),
                     format_readable(row->summary.p95), row->n);
}

Figure cdf_figure(const CdfData& data, const Report& report, bool log) {
  Figure figure{log ? "ttft-cdf-log" : "ttft-cdf",
                log ? "TTFT distribution, log-scaled time axis" : "TTFT distribution (CDF)", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = fmt::format("Cumulative distribution of time to first token per target and phase, "
                                 "successful requests only, time axis {}.", log ? "log-scaled" : "linear");
  for (const SeriesData& s : data.series) {
    desc += fmt::format(" {}: {}.", series_name(s), percentile_text(report, s.target, s.phase, "ttft"));
  }
  desc += fmt::format(" Each line passes through at most {} evenly spaced order statistics.", kMaxCdfPoints);
  plot::Axis x = kTtftAxis;
  x.log = log;
  x.include_zero = !log;
  plot::XyChart chart{figure.id, figure.heading, desc, x, {"Share of requests", "", false, true},
                      as_series(data.series, plot::SeriesKind::step), {}, {}};
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure over_time_figure(const ScatterData& data) {
  Figure figure{"ttft-over-time", "TTFT over the run", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::size_t failed = 0;
  for (const SeriesData& s : data.errors) failed += s.total;
  std::string desc = "Time to first token of each successful request against when it started, in seconds since "
                     "the first request.";
  desc += failed == 0 ? " No request failed."
                      : fmt::format(" {} failed request(s) are marked with a cross along the top edge.", failed);
  desc += thinning_note(data.series) + thinning_note(data.errors);
  plot::XyChart chart{figure.id, figure.heading, desc, {"Time since the first request", "s", false, true},
                      kTtftAxis, as_series(data.series, plot::SeriesKind::points), {}, {}};
  for (const SeriesData& s : data.errors) {
    chart.series.push_back({s.target + " failed", plot::SeriesKind::top_marks, s.points, s.target_index, 0,
                            plot::Marker::cross});
  }
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure idle_figure(const ScatterData& data) {
  Figure figure{"ttft-vs-idle", "TTFT against idle time before the request (cold starts)", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = "Time to first token of each successful request against how long its target had been idle "
                     "before it (idle_before_s in scenario time: divided by the run's time_scale, if any; "
                     "log-scaled): a cold-start penalty shows as a rise to the right.";
  desc += thinning_note(data.series);
  plot::XyChart chart{figure.id, figure.heading, desc, {"Idle before the request", "s", true, false},
                      kTtftAxis, as_series(data.series, plot::SeriesKind::points), {}, {}};
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure first_token_figure(const ScatterData& data, const Report& report) {
  Figure figure{"first-token-vs-event", "First token against first event", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = "Time to the first token that carries text against time to the first event of each "
                     "successful request; points above the dashed y = x line received events (role or "
                     "metadata) before their first token.";
  double top = 0;
  for (const SeriesData& s : data.series) {
    desc += fmt::format(" {}: first event {}; first token {}.", s.target,
                        percentile_text(report, s.target, kAllPhases, "ttft"),
                        percentile_text(report, s.target, kAllPhases, "first_token"));
    for (const auto& p : s.points) top = std::max({top, p.x, p.y});
  }
  desc += thinning_note(data.series);
  plot::XyChart chart{figure.id, figure.heading, desc, {"First event (TTFT)", "ms", false, true},
                      {"First token", "ms", false, true}, as_series(data.series, plot::SeriesKind::points),
                      {{{0, 0}, {top, top}, "y = x"}}, {}};
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure region_figure(const RegionBarsData& data) {
  Figure figure{"region-percentiles", "TTFT by region: p50 (solid) and p95 (hatched)", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = "Median and 95th percentile time to first token per region and target, successful requests.";
  plot::BarChart chart{figure.id, figure.heading, {}, data.regions, "Region", kTtftAxis, {}};
  for (std::size_t t = 0; t < data.targets.size(); ++t) {
    chart.series.push_back({data.targets[t] + " p50", data.target_indices[t], false, data.p50_ms[t]});
    chart.series.push_back({data.targets[t] + " p95", data.target_indices[t], true, data.p95_ms[t]});
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
      desc += fmt::format(" {} in {}: p50 {} ms, p95 {} ms.", data.targets[t], data.regions[r],
                          format_readable(data.p50_ms[t][r]), format_readable(data.p95_ms[t][r]));
    }
  }
  chart.desc = desc;
  figure.svg = plot::render_bars(chart);
  return figure;
}

Figure cost_bars_figure(const CostBarsData& data) {
  Figure figure{"cost-per-mtok", "Cost per million tokens by target", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = "List price per million input and output tokens, and the blended price at the run's "
                     "measured input/output mix, in USD.";
  plot::BarChart chart{
      figure.id, figure.heading, {}, {"input", "output", "blended"}, "Price per million tokens of", {"Price", "USD per Mtok"}, {}};
  for (std::size_t t = 0; t < data.targets.size(); ++t) {
    const auto& prices = data.usd_per_mtok[t];
    chart.series.push_back({data.targets[t], data.target_indices[t], t % 2 == 1, {prices.begin(), prices.end()}});
    desc += fmt::format(" {}: input {}, output {}, blended {}.", data.targets[t],
                        format_significant(prices[0], kPriceDigits), format_significant(prices[1], kPriceDigits),
                        format_significant(prices[2], kPriceDigits));
  }
  chart.desc = desc;
  figure.svg = plot::render_bars(chart);
  return figure;
}

Figure cost_curve_figure(const CostCurveData& data, const Report& report) {
  Figure figure{"cost-vs-ratio", "Cost of a request against its input:output ratio", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = fmt::format("Cost of 1,000 requests of {} output tokens each against input tokens per "
                                 "output token, per priced target.",
                                 format_readable(data.output_tokens));
  for (const auto& [pair, result] : report.break_evens) desc += fmt::format(" {} vs {}: {}.", pair.first, pair.second, result.note);
  plot::XyChart chart{figure.id, figure.heading, desc, {"Input tokens per output token", "", false, true},
                      {"Cost of 1,000 requests", "USD", false, true}, as_series(data.series, plot::SeriesKind::line),
                      {}, {}};
  for (const BreakEvenMark& mark : data.marks) {
    chart.callouts.push_back({{mark.input_per_output, mark.usd_per_1k_requests},
                              fmt::format("break-even {}:1", format_readable(mark.input_per_output))});
  }
  figure.svg = plot::render_xy(chart);
  return figure;
}

}  // namespace

std::vector<Figure> html_figures(const HtmlPlotData& data, const Report& report) {
  std::vector<Figure> figures{cdf_figure(data.ttft_cdf, report, false),
          cdf_figure(data.ttft_cdf, report, true),
          over_time_figure(data.ttft_over_time),
          idle_figure(data.ttft_vs_idle),
          first_token_figure(data.first_token_vs_event, report),
          region_figure(data.region_percentiles),
          cost_bars_figure(data.cost_per_mtok),
          cost_curve_figure(data.cost_curve, report)};
  for (Figure& figure : sweep_figures(data, report)) figures.push_back(std::move(figure));
  return figures;
}

}  // namespace ttft::exporters
