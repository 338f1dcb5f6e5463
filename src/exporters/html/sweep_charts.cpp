// Each sweep and turn plot drawn from its data, with the sentence that describes it.
#include "exporters/html/sweep_charts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/number_format.hpp"

namespace ttft::exporters {

using report::format_readable;
using report::format_significant;
using report::SeriesData;
using report::SweepPlotData;

namespace {

constexpr std::size_t kSolid = 0, kDashed = 1, kDotted = 2;  // series_style(variant).dash
constexpr int kValueDigits = 6;  // swept values and turns as written: 4, 0.5, 16384
constexpr int kFitDigits = 4;

std::string value_text(double value) { return format_significant(value, kValueDigits); }

plot::Axis parameter_axis(const SweepPlotData& data) {
  plot::Axis axis{"Concurrency", "", data.log_x, false};
  if (data.parameter == "rate") axis = {"Rate", "requests/s", data.log_x, false};
  if (data.parameter == "input_tokens") axis = {"Prompt length", "input tokens", data.log_x, false};
  return axis;
}

std::string parameter_words(const SweepPlotData& data) {
  return data.parameter == "input_tokens" ? "prompt length" : data.parameter;
}

/// A line per target through its values, plus a marker at each value it was measured at.
void add_lines_with_markers(plot::XyChart& chart, const std::vector<SeriesData>& data, const std::string& suffix) {
  for (const SeriesData& s : data) {
    chart.series.push_back({s.target + " " + suffix, plot::SeriesKind::line, s.points, s.target_index, kSolid, {}});
    chart.series.push_back({s.target + " " + suffix + " (measured)", plot::SeriesKind::points, s.points,
                            s.target_index, kSolid, {}});
  }
}

std::string values_text(const std::vector<plot::Point>& points, const char* unit) {
  std::string out;
  for (const plot::Point& p : points) {
    out += fmt::format("{}{} at {}", out.empty() ? "" : ", ", format_readable(p.y) + unit, value_text(p.x));
  }
  return out;
}

const report::SweepReport* sweep_of(const report::Report& report, const std::string& phase) {
  const auto found = std::find_if(report.sweeps.begin(), report.sweeps.end(),
                                  [&](const report::SweepReport& s) { return s.phase == phase; });
  return found == report.sweeps.end() ? nullptr : &*found;
}

Figure ttft_figure(const SweepPlotData& data, const report::Report& report) {
  Figure figure{"sweep-ttft-" + data.phase, fmt::format("TTFT against {} ({})", parameter_words(data), data.phase),
                {}, data.ttft_missing};
  if (!data.ttft_missing.empty()) return figure;
  std::string desc = fmt::format("Median (solid, with markers) and 95th percentile (dashed) time to first token per "
                                 "target at each {} of sweep {}, successful requests{}.",
                                 parameter_words(data), data.phase, data.log_x ? ", log-scaled x axis" : "");
  plot::XyChart chart{figure.id, figure.heading, {}, parameter_axis(data), kTtftAxis, {}, {}, {}};
  add_lines_with_markers(chart, data.ttft_p50, "p50");
  for (const SeriesData& s : data.ttft_p95) {
    chart.series.push_back({s.target + " p95", plot::SeriesKind::line, s.points, s.target_index, kDashed, {}});
  }
  for (const SeriesData& s : data.ttft_p50) desc += fmt::format(" {} p50: {}.", s.target, values_text(s.points, " ms"));
  for (const SeriesData& s : data.fits) {
    chart.series.push_back({s.target + " fit a + b·x", plot::SeriesKind::line, s.points, s.target_index, kDotted, {}});
  }
  if (!data.fits.empty()) desc += " Dotted: each target's least-squares line TTFT = a + b × input tokens.";
  if (const auto* sweep = sweep_of(report, data.phase)) {
    for (std::size_t t = 0; t < sweep->fits.size() && t < sweep->targets.size(); ++t) {
      if (!sweep->fits[t]) continue;
      desc += fmt::format(" {}: a = {} ms, b = {} ms per 1,000 input tokens.", sweep->targets[t],
                          format_significant(sweep->fits[t]->intercept_ms, kFitDigits),
                          format_significant(sweep->fits[t]->slope_ms_per_1k, kFitDigits));
    }
    for (const report::Crossover& c : sweep->crossovers) desc += " " + c.text + ".";
  }
  for (const report::CrossoverMark& mark : data.crossovers) {
    chart.callouts.push_back({mark.at, fmt::format("{} = {} at {} tokens", mark.target_a, mark.target_b,
                                                   value_text(mark.at.x))});
  }
  chart.desc = desc;
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure throughput_figure(const SweepPlotData& data, const report::Report& report) {
  Figure figure{"sweep-throughput-" + data.phase,
                fmt::format("Throughput against {} ({})", parameter_words(data), data.phase), {}, data.throughput_missing};
  if (!data.throughput_missing.empty()) return figure;
  std::string desc = fmt::format("Successful requests per second per target at each {} of sweep {}, over the "
                                 "target's wall time at that value{}; the saturation point is ringed.",
                                 parameter_words(data), data.phase, data.log_x ? ", log-scaled x axis" : "");
  plot::XyChart chart{figure.id, figure.heading, {}, parameter_axis(data), {"Throughput", "requests/s", false, true},
                      {}, {}, {}};
  add_lines_with_markers(chart, data.throughput, "requests/s");
  for (const SeriesData& s : data.throughput) desc += fmt::format(" {}: {}.", s.target, values_text(s.points, "/s"));
  if (const auto* sweep = sweep_of(report, data.phase)) {
    for (const report::Saturation& s : sweep->saturation) {
      if (!s.text.empty()) desc += " " + s.text + ".";
    }
  }
  for (const report::SaturationMark& mark : data.saturation) {
    chart.callouts.push_back({mark.at, fmt::format("{} saturates at {}", mark.target, value_text(mark.at.x))});
  }
  chart.desc = desc;
  figure.svg = plot::render_xy(chart);
  return figure;
}

Figure turn_figure(const report::TurnPlotData& data) {
  Figure figure{"ttft-by-turn", "TTFT by conversation turn", {}, data.missing};
  if (!data.missing.empty()) return figure;
  std::string desc = "Median time to first token per target at each turn of its conversations, successful "
                     "requests; later turns resend the earlier ones, so a prompt cache shows as a flat line.";
  plot::XyChart chart{figure.id, figure.heading, {}, {"Turn", "", false, false}, kTtftAxis, {}, {}, {}};
  add_lines_with_markers(chart, data.ttft_p50, "p50");
  for (const SeriesData& s : data.ttft_p50) {
    desc += fmt::format(" {}:", s.target);
    for (const plot::Point& p : s.points) desc += fmt::format(" turn {} {} ms;", value_text(p.x), format_readable(p.y));
  }
  chart.desc = desc;
  figure.svg = plot::render_xy(chart);
  return figure;
}

}  // namespace

std::vector<Figure> sweep_figures(const report::HtmlPlotData& data, const report::Report& report) {
  std::vector<Figure> figures;
  for (const SweepPlotData& sweep : data.sweeps) {
    figures.push_back(ttft_figure(sweep, report));
    if (sweep.parameter != "input_tokens") figures.push_back(throughput_figure(sweep, report));
  }
  if (data.turns) figures.push_back(turn_figure(*data.turns));
  return figures;
}

}  // namespace ttft::exporters
