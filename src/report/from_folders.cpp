#include "report/from_folders.hpp"

#include <ostream>

#include <fmt/format.h>

#include "report/idle_threshold.hpp"
#include "results/folder.hpp"
#include "results/manifest.hpp"

namespace ttft::report {
namespace {

using results::ResultsFolder;
using results::short_sha256;

/// Folders merge only when their scenarios are the same file (docs/commands.md ("Merging and grouping")). With
/// allow_mixed the merge goes ahead, and the notes returned say so in the report.
Result<std::vector<std::string>> check_scenarios(const std::vector<ResultsFolder>& folders, bool allow_mixed,
                                                 Io& io) {
  const ResultsFolder* first = nullptr;
  std::vector<std::string> differing;
  for (const ResultsFolder& folder : folders) {
    if (!folder.manifest) continue;
    if (first == nullptr) {
      first = &folder;
      continue;
    }
    const std::string& a = first->manifest->scenario_sha256;
    const std::string& b = folder.manifest->scenario_sha256;
    if (a == b) continue;
    if (!allow_mixed) {
      return fail(folder.dir,
                  fmt::format("its scenario differs from {}'s (SHA-256 {} vs {})", first->dir, short_sha256(b),
                              short_sha256(a)),
                  "merge results of the same scenario file, or --allow-mixed merges anyway");
    }
    differing.push_back(fmt::format("{} ({})", folder.dir, short_sha256(b)));
  }
  if (differing.empty()) return std::vector<std::string>{};
  std::string list = fmt::format("{} ({})", first->dir, short_sha256(first->manifest->scenario_sha256));
  for (const auto& other : differing) list += ", " + other;
  const std::string note = "merged from different scenario files (--allow-mixed): " + list;
  io.err << "warning: " << note << "\n";
  return std::vector<std::string>{note};
}

/// The idle-sweep estimates (gaps as the scenarios wrote them, idle times scaled by each run's
/// time scale) and, with a volume, the cost at scale.
void add_decisions(Report& overall, const IdleSweepCollector& sweep, const std::vector<results::Manifest>& runs,
                   const std::optional<cost::Volume>& volume) {
  std::vector<Nanos> gaps_ns;
  for (const results::Manifest& run : runs) {
    gaps_ns.insert(gaps_ns.end(), run.facts.idle_gaps_ns.begin(), run.facts.idle_gaps_ns.end());
  }
  overall.idle_thresholds = sweep.analyze(overall.run.targets, {gaps_ns, overall.run.time_scale_by_run});
  if (volume) overall.cost_at_scale = cost_at_scale(overall.run.targets, overall.run.pricing, overall.costs, *volume);
}

/// The SLO rows are judged by, decided before they stream past: --slo, else the first folder's.
/// A folder without a manifest stands for a run without an SLO.
SloChoice slo_for(const FolderReportOptions& o, const std::vector<ResultsFolder>& folders, Io& io) {
  if (o.slo) return choose_slo({}, o.slo);
  if (folders.empty()) return SloChoice{};
  std::vector<results::Manifest> runs;
  for (const ResultsFolder& folder : folders) runs.push_back(folder.manifest_or_stand_in());
  SloChoice choice = choose_slo(runs, std::nullopt);
  if (choice.note) io.err << "warning: " << *choice.note << "\n";
  return choice;
}

}  // namespace

Result<FolderReport> report_from_folders(const FolderReportOptions& o, Io& io) {
  // Every manifest first: the SLO decides how each row is judged as it streams past.
  auto folders = results::open_results_folders(o.dirs);
  if (!folders) return tl::unexpected(folders.error());
  const SloChoice slo = slo_for(o, *folders, io);
  GroupedReportBuilder builder(o.by, slo.slo);
  IdleSweepCollector sweep;  // idle sweeps are judged on the overall samples only
  PlotSamplesBuilder plot_rows;
  const samples::RowSink add_row = [&](samples::Sample& row) {
    if (o.grades) {
      const auto grade = o.grades->find(row.request_id);
      row.correct = row.error.empty() && grade != o.grades->end() ? std::optional(grade->second) : std::nullopt;
    }
    builder.add(row);
    if (o.with_plots) plot_rows.add(row);
    sweep.add(row);
  };
  if (auto read = results::read_rows(*folders, io, &add_row); !read) return tl::unexpected(read.error());
  auto notes = check_scenarios(*folders, o.allow_mixed, io);
  if (!notes) return tl::unexpected(notes.error());
  FolderReport out;
  std::vector<results::Manifest> runs;
  for (const ResultsFolder& folder : *folders) {
    runs.push_back(folder.manifest_or_stand_in());
    if (folder.manifest) out.manifests.push_back(*folder.manifest);
  }
  out.report = builder.build(runs);
  out.report.notes = std::move(*notes);
  if (slo.note) out.report.notes.push_back(*slo.note);
  add_decisions(out.report.overall, sweep, runs, o.volume);
  if (o.with_plots) out.plots = build_plot_data(plot_rows.take(), out.report.overall);
  return out;
}

}  // namespace ttft::report
