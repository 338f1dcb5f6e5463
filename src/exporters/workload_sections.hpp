// The report's workload sections (docs/results.md ("report.md")) as titled tables and lines for
// the terminal and Markdown: "Sweep: <phase> (<parameter>)" per sweep and "TTFT by turn" with
// conversations. Formatting only; none for a run without sweeps or conversations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exporters/decision_sections.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

/// Per sweep: a table of value × target (requests, errors, TTFT p50/p95, req/s, output tok/s,
/// goodput when any), then the fit table and crossover lines (input_tokens) or the saturation
/// lines (concurrency, rate). Then "TTFT by turn (ms)" when the report has turns. First of all,
/// "Non-streaming targets" (e2e and ttfb per target and phase) when the run has any.
std::vector<Section> workload_sections(const report::Report& report);

/// A non-streaming target's e2e and ttfb in one phase (or "all"), from the report's rows.
struct NonStreamingRow {
  std::string target, phase;
  std::size_t ok = 0, errors = 0;
  std::optional<double> e2e_p50_ms, e2e_p95_ms, ttfb_p50_ms, ttfb_p95_ms;
};

/// Every non-streaming target's rows, per phase in run order, then "all" when there are several.
std::vector<NonStreamingRow> non_streaming_rows(const report::Report& report);

/// decision_sections, then workload_sections: every titled section after the verdicts.
std::vector<Section> text_sections(const report::Report& report);

}  // namespace ttft::exporters
