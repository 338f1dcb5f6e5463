// Merging results folders (docs/results.md ("Merging folders")): what each run's manifest says, combined into
// one RunInfo, and samples split by region or PoP. Pure; reports are still built from the raw
// rows by build_report, so merged percentiles are exact, never averages of percentiles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "cost/pricing.hpp"
#include "report/metric_groups.hpp"
#include "report/report_model.hpp"
#include "results/manifest.hpp"
#include "samples/sample.hpp"

namespace ttft::report {

/// The RunInfo of a report over `runs` (at least one; folder order): run ids joined by ", ";
/// targets and phases in first-seen order; name, tool version, seed and each target's pricing
/// from the first run that has them; distinct scenario SHA-256s joined by ", "; interrupted
/// when any run was; each lateness figure the worst of the runs' (their percentiles cannot be
/// merged exactly, the maximum is a bound); the first run's SLO and headline; every run's sweeps,
/// each sweep's values in first-seen order.
RunInfo merge_run_info(const std::vector<results::Manifest>& runs);

/// The SLO a report over `runs` judges requests by: `override` (report --slo) for every phase
/// when given, else the first run's (none when it has none), with a note when another run's
/// SLO differs from it.
struct SloChoice {
  metrics::SloSpec slo;
  std::optional<std::string> note;
};
SloChoice choose_slo(const std::vector<results::Manifest>& runs, const std::optional<metrics::Slo>& override);

enum class GroupBy { region, pop };

inline constexpr const char* kNoGroup = "(none)";  // the label of rows with an empty region/pop
inline constexpr const char* kAllGroups = "all";   // the overall rows in the CSV, as phase "all"

/// "region" or "pop": the samples.csv column and the group column of the CSV.
std::string_view group_column(GroupBy by);

struct SampleGroup {
  std::string label;  // the column's value, or kNoGroup
  std::vector<samples::Sample> samples;
};

/// Samples split by the column's value, groups in first-seen order, rows in input order.
std::vector<SampleGroup> group_samples(const std::vector<samples::Sample>& samples, GroupBy by);

/// The runs (by run_id) that contributed to `samples`, in the order of `runs`; all of `runs`
/// when none matches (rows from folders without a manifest).
std::vector<results::Manifest> runs_of(const std::vector<samples::Sample>& samples, const std::vector<results::Manifest>& runs);

/// A report per group and overall. Every group shows the overall targets, phases and prices,
/// so the tables line up; seed, run ids and lateness are the group's own runs', so a group that
/// is exactly one run reproduces that run's summary.
struct GroupedReport {
  std::string column;                                  // "region", "pop"; empty = not grouped
  std::vector<std::pair<std::string, Report>> groups;  // label → report, first-seen order
  Report overall;
  std::vector<std::string> notes;                      // e.g. "merged from different scenarios"
};

/// One report as a GroupedReport without groups or notes.
inline GroupedReport ungrouped(Report overall) { return {{}, {}, std::move(overall), {}}; }

/// The samples judged by merge_run_info(runs).slo.
GroupedReport build_grouped_report(const std::vector<samples::Sample>& samples, const std::vector<results::Manifest>& runs,
                                   std::optional<GroupBy> by);

/// build_grouped_report one sample at a time, for rows streamed from samples.csv: only each
/// metric's values are kept, not the rows. Samples are judged by `slo` as they are added, and
/// the reports' RunInfo carries it.
class GroupedReportBuilder {
 public:
  GroupedReportBuilder(std::optional<GroupBy> by, metrics::SloSpec slo) : by_(by), slo_(std::move(slo)), overall_(slo_) {}

  void add(const samples::Sample& sample);

  /// The report of every sample added, as build_grouped_report would make it.
  GroupedReport build(const std::vector<results::Manifest>& runs);

 private:
  struct LabelGroup {
    std::string label;  // the column's value, or kNoGroup
    MetricGroupsBuilder rows;
    std::set<std::string> run_ids;
  };

  std::optional<GroupBy> by_;
  metrics::SloSpec slo_;
  MetricGroupsBuilder overall_;
  std::vector<LabelGroup> groups_;  // first-seen order
};

}  // namespace ttft::report
