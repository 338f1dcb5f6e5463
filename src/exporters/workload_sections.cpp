// Sweep and turn tables: cells formatted here, every figure from the model.
#include "exporters/workload_sections.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "exporters/browser_section.hpp"
#include "exporters/embeddings_section.hpp"
#include "report/number_format.hpp"

namespace ttft::exporters {

using report::format_grouped;
using report::format_percent;
using report::format_readable;
using report::LinearFit;
using report::SweepPoint;
using report::SweepReport;

namespace {

bool any_goodput(const SweepReport& sweep) {
  return std::any_of(sweep.points.begin(), sweep.points.end(), [](const std::vector<SweepPoint>& row) {
    return std::any_of(row.begin(), row.end(), [](const SweepPoint& p) { return p.goodput.has_value(); });
  });
}

Table points_table(const SweepReport& sweep) {
  const bool goodput = any_goodput(sweep);
  Table table;
  table.header = {sweep.parameter, "target", "requests", "errors", "TTFT p50 (ms)", "TTFT p95 (ms)", "req/s",
                  "output tok/s"};
  table.align = {Align::right, Align::left, Align::right, Align::right,
                 Align::right, Align::right, Align::right, Align::right};
  if (goodput) {
    table.header.emplace_back("goodput");
    table.align.push_back(Align::right);
  }
  for (std::size_t v = 0; v < sweep.values.size(); ++v) {
    for (std::size_t t = 0; t < sweep.targets.size(); ++t) {
      const SweepPoint& p = sweep.points[t][v];
      std::vector<std::string> row = {format_grouped(p.value),           sweep.targets[t],
                                      fmt::format("{}", p.requests),     fmt::format("{}", p.errors),
                                      format_readable(p.ttft_p50_ms),    format_readable(p.ttft_p95_ms),
                                      format_readable(p.requests_per_s), format_readable(p.output_tokens_per_s)};
      if (goodput) row.push_back(p.goodput ? format_percent(*p.goodput) : "-");
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

// "50.2 ± 1.3": an estimate and its symmetric t interval's half-width; the estimate alone without one.
std::string with_margin(double estimate, const std::optional<stats::Interval>& ci) {
  if (!ci) return format_readable(estimate);
  return fmt::format("{} \u00b1 {}", format_readable(estimate), format_readable((ci->high - ci->low) / 2));
}

Table fit_table(const SweepReport& sweep) {
  Table table;
  table.header = {"target", "n", "a (ms)", "b (ms per 1k tokens)", "input tokens"};
  table.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
  for (std::size_t t = 0; t < sweep.targets.size(); ++t) {
    const std::optional<LinearFit>& fit = sweep.fits[t];
    if (!fit) {
      table.rows.push_back({sweep.targets[t], "-", "-", "-", "-"});
      continue;
    }
    table.rows.push_back({sweep.targets[t], fmt::format("{}", fit->n), with_margin(fit->intercept_ms, fit->intercept_ci),
                          with_margin(fit->slope_ms_per_1k, fit->slope_ci),
                          fmt::format("{} to {}", format_grouped(fit->x_min), format_grouped(fit->x_max))});
  }
  return table;
}

Section sweep_section(const SweepReport& sweep) {
  Section section;
  section.title = fmt::format("Sweep: {} ({})", sweep.phase, sweep.parameter);
  section.tables.push_back(points_table(sweep));
  if (!sweep.fits.empty()) section.tables.push_back(fit_table(sweep));
  for (const report::Crossover& crossover : sweep.crossovers) section.lines.push_back(crossover.text);
  for (const report::Saturation& saturation : sweep.saturation) section.lines.push_back(saturation.text);
  return section;
}

Section turns_section(const std::vector<report::TurnRow>& turns) {
  Section section;
  section.title = "TTFT by turn";
  Table table;
  table.header = {"target", "turn", "requests", "errors", "TTFT p50 (ms)", "TTFT p95 (ms)"};
  table.align = {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right};
  for (const report::TurnRow& row : turns) {
    table.rows.push_back({row.target, fmt::format("{}", row.turn), fmt::format("{}", row.requests),
                          fmt::format("{}", row.errors), format_readable(row.ttft_p50_ms),
                          format_readable(row.ttft_p95_ms)});
  }
  section.tables.push_back(std::move(table));
  return section;
}

}  // namespace

std::vector<NonStreamingRow> non_streaming_rows(const report::Report& report) {
  std::vector<NonStreamingRow> rows;
  std::vector<std::string> phases = report.run.phases;
  if (phases.size() > 1) phases.emplace_back(report::kAllPhases);
  for (const std::string& target : report.run.targets) {
    if (!report.run.is_non_streaming(target)) continue;
    for (const std::string& phase : phases) {
      const report::MetricRow* e2e = report::find_row(report, target, phase, "e2e");
      const report::MetricRow* ttfb = report::find_row(report, target, phase, "ttfb");
      if (e2e == nullptr || ttfb == nullptr) continue;
      rows.push_back({target, phase, e2e->n, e2e->errors, e2e->summary.p50, e2e->summary.p95, ttfb->summary.p50,
                      ttfb->summary.p95});
    }
  }
  return rows;
}

// "Non-streaming targets": their e2e and ttfb, since they have no TTFT (docs/results.md ("report.md")).
Section non_streaming_section(const std::vector<NonStreamingRow>& rows) {
  Section section;
  section.title = "Non-streaming targets";
  Table table;
  table.header = {"target", "phase", "ok", "errors", "e2e p50 (ms)", "e2e p95 (ms)", "ttfb p50 (ms)", "ttfb p95 (ms)"};
  table.align = {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right};
  for (const NonStreamingRow& row : rows) {
    table.rows.push_back({row.target, row.phase, fmt::format("{}", row.ok), fmt::format("{}", row.errors),
                          format_readable(row.e2e_p50_ms), format_readable(row.e2e_p95_ms),
                          format_readable(row.ttfb_p50_ms), format_readable(row.ttfb_p95_ms)});
  }
  section.tables.push_back(std::move(table));
  section.lines.push_back("these targets answer in one response: they have no time to first token, and their "
                          "verdicts compare e2e with other non-streaming targets only");
  return section;
}

std::vector<Section> workload_sections(const report::Report& report) {
  std::vector<Section> sections;
  if (auto rows = non_streaming_rows(report); !rows.empty()) sections.push_back(non_streaming_section(rows));
  if (!report.embeddings.empty()) sections.push_back(embeddings_section(report));
  if (!report.browser_pairs.empty()) sections.push_back(browser_section(report));
  for (const SweepReport& sweep : report.sweeps) sections.push_back(sweep_section(sweep));
  if (!report.turns.empty()) sections.push_back(turns_section(report.turns));
  return sections;
}

std::vector<Section> text_sections(const report::Report& report) {
  std::vector<Section> sections = decision_sections(report);
  for (Section& section : workload_sections(report)) sections.push_back(std::move(section));
  return sections;
}

}  // namespace ttft::exporters
