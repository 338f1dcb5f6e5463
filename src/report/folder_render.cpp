#include "report/folder_render.hpp"

#include "report/grouped_exporters.hpp"
#include "report/html_exporter.hpp"

namespace ttft::report {
namespace {

/// report.html of the overall report (with --by, the per-group tables are not repeated: the region
/// plot shows regions) and every folder's manifest.
std::string html_of(const FolderReport& r) {
  std::vector<RunManifest> manifests;
  for (const results::Manifest& manifest : r.manifests) {
    RunManifest shown{manifest.run_id, {}};
    for (auto& [label, value] : results::manifest_display_rows(manifest)) shown.entries.push_back({label, value});
    manifests.push_back(std::move(shown));
  }
  const HtmlPlotData plots = build_plot_data(r.plot_rows, r.report.overall);
  return export_html({&r.report.overall, &plots, std::move(manifests), r.report.notes});
}

}  // namespace

std::string render_folder_report(const FolderReport& r, std::string_view format, bool color) {
  if (format == "markdown") return export_grouped_markdown(r.report);
  if (format == "csv") return export_grouped_summary_csv(r.report);
  if (format == "json") return export_grouped_summary_json(r.report);
  if (format == "html") return html_of(r);
  return export_grouped_terminal(r.report, color);
}

}  // namespace ttft::report
