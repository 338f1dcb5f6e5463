// The "Embeddings" section of the terminal, Markdown and HTML reports and its summary.json key
// (docs/results.md ("report.md")): latency, inputs/s and cost per embeddings target and phase.
// Formatting only: every figure comes from Report::embeddings.
#pragma once

#include <nlohmann/json.hpp>

#include "exporters/decision_sections.hpp"
#include "report/report_model.hpp"

namespace ttft::exporters {

/// The section; only for a report with embeddings rows.
Section embeddings_section(const report::Report& report);

/// summary.json's "embeddings": one object per row, null for anything unmeasured.
nlohmann::ordered_json embeddings_json(const report::Report& report);

}  // namespace ttft::exporters
