// Report::embeddings from the metric groups' embeddings tallies and the report's e2e and ttfb rows
// (docs/metrics.md ("Embeddings")). Called by build_report once the rows are made.
#pragma once

#include <vector>

#include "report/metric_groups.hpp"
#include "report/report_model.hpp"

namespace ttft::report {

/// One row per embeddings target (report.run.embeddings_targets, then any other target whose rows
/// carry vectors) and phase in run order, then "all" when there are several phases.
std::vector<EmbeddingsRow> build_embeddings(const Report& report, const MetricGroups& groups);

}  // namespace ttft::report
