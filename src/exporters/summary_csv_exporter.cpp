// summary.csv: tidy, one row per target × phase × metric (docs/results.md ("summary.csv")); grouped, each row
// led by its group's label.
#include <fmt/format.h>

#include "exporters/report_exporters.hpp"
#include "report/number_format.hpp"
#include "samples/csv_format.hpp"

namespace ttft::exporters {

using report::format_fixed;
using report::GroupedReport;
using report::MetricRow;
using report::Report;

namespace {

constexpr int kDecimals = 3;
constexpr const char* kHeader =
    "target,phase,metric,unit,n,errors,mean,stdev,min,p50,p95,p99,max,p50_ci_low,p50_ci_high,"
    "p95_ci_low,p95_ci_high\n";

std::string bound(const std::optional<stats::Interval>& ci, bool high) {
  if (!ci) return {};
  return format_fixed(high ? ci->high : ci->low, kDecimals);
}

/// The report's rows, each line starting with `lead` ("" or a quoted label and a comma).
std::string rows(const Report& report, const std::string& lead) {
  std::string out;
  for (const MetricRow& row : report.rows) {
    const stats::Summary& s = row.summary;
    out += lead + fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", samples::csv_quote(row.target),
        samples::csv_quote(row.phase), samples::csv_quote(row.metric), samples::csv_quote(row.unit),
        row.n, row.errors, format_fixed(s.mean, kDecimals), format_fixed(s.stdev, kDecimals),
        format_fixed(s.min, kDecimals), format_fixed(s.p50, kDecimals),
        format_fixed(s.p95, kDecimals), format_fixed(s.p99, kDecimals),
        format_fixed(s.max, kDecimals), bound(row.p50_ci, false), bound(row.p50_ci, true),
        bound(row.p95_ci, false), bound(row.p95_ci, true));
  }
  return out;
}

// A figure that is one number, not a distribution: in the mean column, the rest empty.
std::string figure_row(const std::string& target, const std::string& phase, const char* metric, const char* unit,
                       std::size_t n, std::size_t errors, std::optional<double> value) {
  return fmt::format("{},{},{},{},{},{},{},,,,,,,,,,\n", samples::csv_quote(target), samples::csv_quote(phase), metric,
                     samples::csv_quote(unit), n, errors, format_fixed(value, kDecimals));
}

/// After the metric rows (docs/results.md ("summary.csv")): each sweep value's throughput per
/// target, and each input_tokens sweep's fitted intercept and slope per target.
std::string sweep_rows(const Report& report, const std::string& lead) {
  std::string out;
  for (const report::SweepReport& sweep : report.sweeps) {
    for (std::size_t t = 0; t < sweep.targets.size(); ++t) {
      const std::string& target = sweep.targets[t];
      std::size_t errors = 0;
      for (const report::SweepPoint& p : sweep.points[t]) {
        const std::size_t ok = p.requests - p.errors;
        out += lead + figure_row(target, p.phase, "throughput", "req/s", ok, p.errors, p.requests_per_s);
        out += lead + figure_row(target, p.phase, "output_throughput", "tok/s", ok, p.errors, p.output_tokens_per_s);
        errors += p.errors;
      }
      if (sweep.fits.empty() || !sweep.fits[t]) continue;
      const report::LinearFit& fit = *sweep.fits[t];
      out += lead + figure_row(target, sweep.phase, "ttft_fit_intercept", "ms", fit.n, errors, fit.intercept_ms);
      out += lead + figure_row(target, sweep.phase, "ttft_fit_slope", "ms/1k input tokens", fit.n, errors,
                               fit.slope_ms_per_1k);
    }
  }
  return out;
}

/// After the sweep rows: each embeddings target's inputs/s and cost per million input tokens per phase.
std::string embeddings_rows(const Report& report, const std::string& lead) {
  std::string out;
  for (const report::EmbeddingsRow& e : report.embeddings) {
    const std::size_t ok = e.requests - e.errors;
    out += lead + figure_row(e.target, e.phase, "embeddings_throughput", "inputs/s", ok, e.errors, e.inputs_per_s);
    out += lead + figure_row(e.target, e.phase, "embeddings_cost", "USD/M input tokens", ok, e.errors,
                             e.usd_per_m_input_tokens);
  }
  return out;
}

/// Last: each target's accuracy per graded phase and "all" (docs/metrics.md ("Accuracy")).
std::string accuracy_rows(const Report& report, const std::string& lead) {
  std::string out;
  if (!report.accuracy) return out;
  for (const report::AccuracyRow& row : report.accuracy->rows) {
    out += lead + figure_row(row.target, row.phase, "accuracy", "fraction", row.graded, row.errors, row.accuracy);
  }
  return out;
}

/// Then each browser target's page-clock figures and its difference from its native twin.
std::string browser_rows(const Report& report, const std::string& lead) {
  std::string out;
  for (const report::BrowserPairRow& row : report.browser_pairs) {
    out += lead + figure_row(row.browser, row.phase, "browser_ttft_p50", "ms", row.n_browser, 0, row.browser_p50_ms);
    out += lead + figure_row(row.browser, row.phase, "browser_ttft_p95", "ms", row.n_browser, 0, row.browser_p95_ms);
    out += lead + figure_row(row.browser, row.phase, "browser_paint_p50", "ms", row.n_browser, 0, row.paint_p50_ms);
    out += lead + figure_row(row.browser, row.phase, "browser_minus_native_first_token_p50", "ms", row.n_browser, 0,
                             row.difference.diff);
  }
  return out;
}

std::string tail_rows(const Report& report, const std::string& lead) {
  return sweep_rows(report, lead) + embeddings_rows(report, lead) + accuracy_rows(report, lead) + browser_rows(report, lead);
}

std::string lead(const std::string& label) { return samples::csv_quote(label) + ","; }

}  // namespace

std::string export_summary_csv(const GroupedReport& r) {
  if (r.column.empty()) return kHeader + rows(r.overall, "") + tail_rows(r.overall, "");
  std::string out = lead(r.column) + kHeader;
  for (const auto& [label, report] : r.groups) out += rows(report, lead(label)) + tail_rows(report, lead(label));
  return out + rows(r.overall, lead(report::kAllGroups)) + tail_rows(r.overall, lead(report::kAllGroups));
}

}  // namespace ttft::exporters
