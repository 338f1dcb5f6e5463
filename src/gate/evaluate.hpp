// Checks parsed assertions against a report model and words the outcome. Reads the model only;
// every figure it compares was computed by report::build_report.
#pragma once

#include <string>
#include <vector>

#include "gate/assertion.hpp"
#include "report/report_model.hpp"

namespace ttft::gate {

/// One assertion for one concrete target (and phase).
struct Check {
  std::string expression;  // "edge.warm.ttft.p95 < 400ms": wildcards replaced by the match
  bool passed = false;
  std::string detail;      // "measured 331.9 ms", or why nothing could be measured
};

/// One Check per matching target × phase (a wildcard expands over the report's targets or its
/// phases, never to "all"). A name the report lacks, or an unmeasured value (n = 0, no pricing),
/// is a failed Check. Figures: the metric row's summary; n and errors of the row (for the
/// phase-level form, of the e2e row: every successful request has an end of stream);
/// error_rate = errors / (n + errors); p50/p95/p99_incl_errors the row's percentiles over every
/// request (a failure ranked slowest), failed when that percentile falls among the failures;
/// goodput the share of the phase's requests that met the SLO (failed without an SLO, or for a
/// phase without one); accuracy the share of the phase's graded answers that were right (failed
/// where none was graded); cost fields from the target's cost figures, in USD; throughput and
/// output_tps from the sweep point of that phase ("ramp@4"); saturation, slope and intercept from
/// the named sweep (not measured where the sweep's parameter has no such figure). For these "*"
/// expands only over the sweep values or sweeps the figure exists for.
std::vector<Check> evaluate(const Assertion& assertion, const report::Report& report);

/// evaluate() over every assertion, in order.
std::vector<Check> evaluate_all(const std::vector<Assertion>& assertions, const report::Report& report);

bool any_failed(const std::vector<Check>& checks);

/// "PASS edge.warm.ttft.p95 < 400ms (measured 331.9 ms)" or "FAIL ...", without a line end.
std::string check_line(const Check& check);

/// "\n## Assertions\n\n" and one "- **PASS** `expression` (detail)" item per check; empty when
/// there are no checks.
std::string checks_markdown(const std::vector<Check>& checks);

}  // namespace ttft::gate
