// The pieces the terminal, Markdown and HTML exporters share: the two headline tables of
// docs/results.md ("report.md"), their small-n footnote, the headline percentiles counting
// failures, verdict lines and the lateness line. Formatting only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exporters/table.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

inline constexpr const char* kCostTitle = "Cost per million tokens (USD)";

/// The headline table's title by the run's headline metric: "Time to first token (ms)" (ttft),
/// "First token (ms)" or "First answer (ms)".
std::string headline_title(const report::Report& report);

/// "A/B verdicts (time to first token)", "(first token)" or "(first answer)" by the headline metric;
/// with two or more non-streaming targets, "; e2e between non-streaming targets" inside the brackets,
/// and likewise for embeddings targets; just "A/B verdicts (e2e …)" when no target streams chat.
std::string verdicts_title(const report::Report& report);

/// target, "<phase> p50", "<phase> p95" of the headline metric per phase in run order, n (successful samples over all
/// phases) and errors; "-" when unmeasured and a "*" suffix on small-n percentiles. Embeddings
/// targets have their own section and are left out: nullopt when every target is one.
std::optional<Table> ttft_table(const report::Report& report);

/// When any request failed: target, "<phase> p50", "<phase> p95" per phase of the headline metric
/// over every request with each failure ranked slower than any success; "failed" where that
/// percentile falls among the failures, "-" without requests. nullopt when nothing failed, so an
/// error-free report prints exactly as it did before these figures existed.
std::optional<Table> with_failures_table(const report::Report& report);

/// The title of with_failures_table: "Time to first token, each failure counted as slower than
/// any success (ms)", with the headline metric's name.
std::string with_failures_title(const report::Report& report);

/// The footnote of with_failures_table.
inline constexpr const char* kWithFailuresNote = "failed: that percentile falls among the failed requests";

/// "* fewer than 20 samples: p95 is not reliable" (plus the p50 rule when that applies) when
/// any cell of ttft_table carries a "*"; nullopt otherwise.
std::optional<std::string> small_n_footnote(const report::Report& report);

/// target, input, output, blended, per 1k req: USD to 4 significant digits, "-" when unpriced.
Table cost_table(const report::Report& report);

/// target, class, count: one row per error class of each target, targets in run order.
Table errors_table(const report::Report& report);

/// One line per verdict: its text, prefixed with "<a> vs <b>, " when there are several pairs and
/// with "first_answer " when its metric is not the headline's (report.reasoning_note).
std::vector<std::string> verdict_lines(const report::Report& report);

/// "send lag p50 0.05 / p99 0.21 / max 1.3 ms; ..." for the figures present; nullopt when the
/// run recorded no lateness.
std::optional<std::string> lateness_line(const report::Report& report);

/// "edge vs central: equal cost at ..." per pair of targets.
std::vector<std::string> break_even_lines(const report::Report& report);

}  // namespace ttft::exporters
