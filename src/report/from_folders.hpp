// The one way from results folders to a report, for `report` and for `run` (on the folder it has
// just written), so the two print and write the same bytes. Rows stream from samples.csv into
// the report's groups and are not kept: a million rows take ~0.1 GB, not the ~1 GB of Samples.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "cost/monthly_cost.hpp"
#include "metrics/slo.hpp"
#include "report/merge.hpp"
#include "report/plot_data.hpp"
#include "results/manifest.hpp"

namespace ttft::report {

struct FolderReportOptions {
  std::vector<std::string> dirs;       // merged in this order
  std::optional<GroupBy> by;           // also one report per region or PoP
  std::optional<cost::Volume> volume;  // also the cost at this request volume
  bool allow_mixed = false;            // merge folders of different scenario files (with a note)
  bool with_plots = false;             // also the HTML plots' data (keeps ~80 bytes a row while reading)
  std::optional<metrics::Slo> slo = std::nullopt;  // report --slo: every phase's SLO, over the manifests'
  // report --grade: by request_id, whether each graded answer was right. Rows replace their
  // `correct` with it; a failed row, or one it lacks, becomes ungraded. nullopt: rows as recorded.
  std::optional<std::map<std::string, bool>> grades = std::nullopt;
};

struct FolderReport {
  GroupedReport report;                      // notes included
  std::optional<HtmlPlotData> plots;         // with_plots only
  std::vector<results::Manifest> manifests;  // of the folders that have one, in folder order
};

/// Reads every folder (warnings on io.err), checks that they come from one scenario file (unless
/// allow_mixed), builds the grouped report and adds the idle-sweep estimates (on the overall
/// samples, with every run's cold gaps from its manifest) and, with a volume, the cost at scale.
/// Goodput judges each row by options.slo, else by the first folder's SLO (merge::choose_slo; a
/// note when the folders' differ), else there is none. Errors name the folder or file.
Result<FolderReport> report_from_folders(const FolderReportOptions& options, Io& io);

}  // namespace ttft::report
