// The "Native vs browser" section of the terminal, Markdown and HTML reports and its summary.json
// key (docs/results.md ("report.md")). Formatting only: every figure comes from Report::browser_pairs.
#pragma once

#include <nlohmann/json.hpp>

#include "exporters/decision_sections.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

/// The section; only for a report with browser pairs.
Section browser_section(const report::Report& report);

/// summary.json's "native_vs_browser": one object per pair and phase, null for anything unmeasured.
nlohmann::ordered_json browser_json(const report::Report& report);

}  // namespace ttft::exporters
