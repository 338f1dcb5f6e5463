// The `compare` command's output formats (one file: compare_exporter.cpp). They format a
// Comparison and never compute (STYLE.md, principle 5).
#pragma once

#include <string>

#include "report/compare.hpp"

namespace ttft::exporters {

/// The one-line verdict ("regression: edge warm ttft p50 +30.2%, ..." or "no regression ..."),
/// then one table row per metric and percentile (baseline, candidate, change, its 95% CI, p,
/// n, verdict), the rows found on one side only, notes and the small-n footnote.
std::string export_compare_terminal(const report::Comparison& comparison, bool color);

/// The same for a pull-request comment: a title, the verdict line in bold, one pipe table with
/// regressions marked "❌ REGRESSION", then the one-side rows and notes.
std::string export_compare_markdown(const report::Comparison& comparison);

/// {"schema_version", "baseline", "candidate", "max_regression", "regression", "notes", "rows":
/// [{target, phase, metric, unit, n_baseline, n_candidate, p_value, note, "p50": {...}, "p95":
/// {...}}], "only_in_baseline", "only_in_candidate"}; null for anything unmeasured.
std::string export_compare_json(const report::Comparison& comparison);

}  // namespace ttft::exporters
