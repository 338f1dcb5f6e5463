// SLO attainment, idle-sweep and cost-at-scale sections: cells formatted here, figures from the
// model.
#include "exporters/decision_sections.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/duration.hpp"
#include "cost/money.hpp"
#include "metrics/slo.hpp"
#include "report/number_format.hpp"

namespace ttft::exporters {

using report::CostAtScale;
using report::format_percent;
using report::format_readable;
using report::format_significant;
using report::Goodput;
using report::GoodputRow;
using report::GoodputVerdict;
using report::IdleGap;
using report::IdleThreshold;
using report::Report;
using report::TargetMonth;

namespace {

constexpr double kRequestsPerThousand = 1000;
constexpr int kUsdDigits = 4;

Section idle_section(const std::vector<IdleThreshold>& thresholds) {
  Section section;
  section.title = "Time to first token after idle (ms: median, n; \"cold\" = above the warm p95)";
  Table table;
  table.header = {"target", "warm p95"};
  table.align = {Align::left, Align::right};
  for (const IdleGap& gap : thresholds.front().gaps) {
    table.header.push_back(format_duration(gap.gap_ns));
    table.align.push_back(Align::right);
  }
  for (const IdleThreshold& t : thresholds) {
    std::vector<std::string> row = {t.target, format_readable(t.warm_p95_ms)};
    for (const IdleGap& gap : t.gaps) {
      std::string cell = gap.n == 0 ? "-" : fmt::format("{} ({})", format_readable(gap.ttft_p50_ms), gap.n);
      if (gap.looks_cold) cell += " cold";
      if (gap.errors > 0) cell += fmt::format(" +{} err", gap.errors);
      row.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(row));
    std::string line = fmt::format("{} scale-to-zero threshold: {}", t.target, t.text);
    if (t.unknown_idle > 0) line += fmt::format(" ({} cold sample(s) without a measured idle time left out)", t.unknown_idle);
    section.lines.push_back(std::move(line));
  }
  section.tables.push_back(std::move(table));
  return section;
}

std::string per_1k(std::optional<cost::Pusd> pusd) {
  if (!pusd) return "-";
  return format_usd(cost::pusd_to_usd(*pusd) * kRequestsPerThousand);
}

Section cost_section(const CostAtScale& scale) {
  Section section;
  section.title = fmt::format("Cost at {} ({:.0f} requests a month of 30 days)", scale.volume.text,
                              scale.volume.requests_per_month);
  for (const cost::RatioTable& pair : scale.pairs) {
    Table table;
    table.header = {"input:output", "input tok", "output tok", pair.a + " $/1k req", pair.b + " $/1k req"};
    table.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
    for (const cost::RatioRow& row : pair.rows) {
      table.rows.push_back({fmt::format("{}:{}", row.ratio.input, row.ratio.output), fmt::format("{}", row.input_tokens),
                            fmt::format("{}", row.output_tokens), per_1k(row.a_pusd), per_1k(row.b_pusd)});
    }
    section.tables.push_back(std::move(table));
    section.lines.push_back(fmt::format("{} vs {} at {} output tokens: {}", pair.a, pair.b, pair.output_tokens,
                                        pair.crossing.note));
  }
  Table monthly;
  monthly.header = {"target", "USD/month", "free allowance", "net USD/month"};
  monthly.align = {Align::left, Align::right, Align::right, Align::right};
  for (const TargetMonth& m : scale.monthly) {
    monthly.rows.push_back({m.target, format_usd(m.month.gross_usd), format_usd(m.month.free_usd),
                            format_usd(m.month.net_usd)});
  }
  if (!monthly.rows.empty()) section.tables.push_back(std::move(monthly));
  return section;
}

// "ttft ≤ 200 ms" when every judged phase has that SLO, else "cold: ttft ≤ 1 s; warm: ...".
std::string slo_title(const Report& report) {
  std::vector<std::pair<std::string, const metrics::Slo*>> judged;
  for (const std::string& phase : report.run.phases) {
    if (const metrics::Slo* slo = report.run.slo.for_phase(phase)) judged.emplace_back(phase, slo);
  }
  if (judged.empty()) return "SLO attainment (no phase of this report has an SLO)";
  const auto same = [&](const auto& phase) { return *phase.second == *judged.front().second; };
  if (std::all_of(judged.begin(), judged.end(), same)) {
    return fmt::format("SLO attainment ({}; failures count as misses)", metrics::slo_text(*judged.front().second));
  }
  std::vector<std::string> parts;
  for (const auto& [phase, slo] : judged) parts.push_back(fmt::format("{}: {}", phase, metrics::slo_text(*slo)));
  return fmt::format("SLO attainment ({}; failures count as misses)", fmt::join(parts, "; "));
}

// "97.0%\u201399.1%", or "-" without an interval.
std::string percent_interval(const std::optional<stats::Interval>& ci) {
  return ci ? fmt::format("{}\u2013{}", format_percent(ci->low), format_percent(ci->high)) : "-";
}

Section goodput_section(const Report& report, const Goodput& goodput) {
  Section section;
  section.title = slo_title(report);
  Table table;
  table.header = {"target", "phase", "met", "requests", "goodput", "95% CI"};
  table.align = {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right};
  for (const GoodputRow& row : goodput.rows) {
    table.rows.push_back({row.target, row.phase, fmt::format("{}", row.met), fmt::format("{}", row.requests),
                          row.goodput ? format_percent(*row.goodput) : "-", percent_interval(row.ci)});
  }
  section.tables.push_back(std::move(table));
  const bool several_pairs = report.run.targets.size() > 2;
  for (const GoodputVerdict& v : goodput.verdicts) {
    section.lines.push_back(several_pairs ? fmt::format("{} vs {}, {}", v.target_a, v.target_b, v.text) : v.text);
  }
  return section;
}

// "Accuracy": correct of graded answers per target and phase, then one line per compared pair.
Section accuracy_section(const Report& report, const report::Accuracy& accuracy) {
  Section section;
  section.title = "Accuracy (graded answers; failed requests are not graded)";
  Table table;
  table.header = {"target", "phase", "correct", "graded", "accuracy", "95% CI"};
  table.align = {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right};
  for (const report::AccuracyRow& row : accuracy.rows) {
    table.rows.push_back({row.target, row.phase, fmt::format("{}", row.correct), fmt::format("{}", row.graded),
                          row.accuracy ? format_percent(*row.accuracy) : "-", percent_interval(row.ci)});
  }
  section.tables.push_back(std::move(table));
  const bool several_pairs = report.run.targets.size() > 2;
  for (const report::AccuracyVerdict& v : accuracy.verdicts) {
    const std::string& text = v.comparison.text;
    section.lines.push_back(several_pairs ? fmt::format("{} vs {}, {}", v.target_a, v.target_b, text) : text);
  }
  return section;
}

}  // namespace

std::string format_usd(std::optional<double> usd) { return format_significant(usd, kUsdDigits); }

std::vector<Section> decision_sections(const Report& report) {
  std::vector<Section> sections;
  if (report.goodput) sections.push_back(goodput_section(report, *report.goodput));
  if (report.accuracy) sections.push_back(accuracy_section(report, *report.accuracy));
  if (!report.idle_thresholds.empty()) sections.push_back(idle_section(report.idle_thresholds));
  if (report.cost_at_scale) sections.push_back(cost_section(*report.cost_at_scale));
  return sections;
}

}  // namespace ttft::exporters
