// summary.csv: tidy, one row per target × phase × metric (SPEC section 6).
#include <fmt/format.h>

#include "exporters/report_exporters.hpp"
#include "report/number_format.hpp"
#include "samples/csv_format.hpp"

namespace ttft::exporters {

using report::format_fixed;
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

}  // namespace

std::string export_summary_csv(const Report& report) {
  std::string out = kHeader;
  for (const MetricRow& row : report.rows) {
    const stats::Summary& s = row.summary;
    out += fmt::format(
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

}  // namespace ttft::exporters
