#include "report/merge.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/check.hpp"

namespace ttft::report {
namespace {

void append_new_name(std::vector<std::string>& names, const std::string& name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::optional<LatenessSummary> worst_lateness(const std::vector<results::Manifest>& runs) {
  std::optional<LatenessSummary> worst;
  for (const results::Manifest& run : runs) {
    if (run.client_lateness) worst = worst ? results::worst_of(*worst, *run.client_lateness) : run.client_lateness;
  }
  return worst;
}

// The runs among `runs` whose id is in `ids`, in the order of `runs`; all of them when none is.
std::vector<results::Manifest> runs_with_ids(const std::set<std::string>& ids, const std::vector<results::Manifest>& runs) {
  std::vector<results::Manifest> matched;
  for (const results::Manifest& run : runs) {
    if (ids.count(run.run_id) != 0) matched.push_back(run);
  }
  return matched.empty() ? runs : matched;
}

// `sweep`'s values not yet in `sweeps` (matched by phase), or the whole sweep when it is new.
void merge_sweep(std::vector<results::SweepFacts>& sweeps, const results::SweepFacts& sweep) {
  const auto same = std::find_if(sweeps.begin(), sweeps.end(), [&](const auto& s) { return s.phase == sweep.phase; });
  if (same == sweeps.end()) {
    sweeps.push_back(sweep);
    return;
  }
  for (std::size_t i = 0; i < sweep.values.size() && i < sweep.phases.size(); ++i) {
    if (std::find(same->phases.begin(), same->phases.end(), sweep.phases[i]) != same->phases.end()) continue;
    same->values.push_back(sweep.values[i]);
    same->phases.push_back(sweep.phases[i]);
  }
}

}  // namespace

RunInfo merge_run_info(const std::vector<results::Manifest>& runs) {
  TTFT_CHECK(!runs.empty(), "a merged report needs at least one run");
  RunInfo info;
  std::vector<std::string> run_ids, shas;
  for (const results::Manifest& run : runs) {
    append_new_name(run_ids, run.run_id);
    append_new_name(shas, run.scenario_sha256);
    for (const auto& target : run.facts.targets) append_new_name(info.targets, target);
    for (const auto& phase : run.facts.phases) append_new_name(info.phases, phase);
    for (const auto& sweep : run.facts.sweeps) merge_sweep(info.sweeps, sweep);
    for (const auto& target : run.facts.non_streaming_targets) append_new_name(info.non_streaming_targets, target);
    for (const auto& target : run.facts.embeddings_targets) append_new_name(info.embeddings_targets, target);
    for (const auto& pair : run.facts.browser_pairs) {
      if (std::find(info.browser_pairs.begin(), info.browser_pairs.end(), pair) == info.browser_pairs.end()) info.browser_pairs.push_back(pair);
    }
    for (const auto& [target, pricing] : run.facts.pricing) info.pricing.emplace(target, pricing);  // first wins
    if (run.facts.time_scale != 1.0) info.time_scale_by_run[run.run_id] = run.facts.time_scale;
    if (info.scenario_name.empty()) info.scenario_name = run.scenario_name;
    if (info.tool_version.empty()) info.tool_version = run.tool_version;
    info.interrupted = info.interrupted || run.cut_short();
  }
  info.run_id = joined(run_ids);
  info.scenario_sha256 = joined(shas);
  info.seed = runs.front().seed;
  info.client_lateness = worst_lateness(runs);
  info.slo = runs.front().facts.slo;
  info.headline = runs.front().facts.headline;
  return info;
}

SloChoice choose_slo(const std::vector<results::Manifest>& runs, const std::optional<metrics::Slo>& override) {
  if (override) return {metrics::SloSpec{*override, {}}, std::nullopt};
  TTFT_CHECK(!runs.empty(), "an SLO is chosen from at least one run");
  SloChoice choice{runs.front().facts.slo, std::nullopt};
  for (const results::Manifest& run : runs) {
    if (run.facts.slo == choice.slo) continue;
    choice.note = fmt::format("the merged runs have different SLOs; goodput judges every request by the first "
                              "run's ({}){}", runs.front().run_id, choice.slo.empty() ? ", which has none" : "");
    break;
  }
  return choice;
}

std::string_view group_column(GroupBy by) { return by == GroupBy::region ? "region" : "pop"; }

std::vector<SampleGroup> group_samples(const std::vector<samples::Sample>& samples, GroupBy by) {
  std::vector<SampleGroup> groups;
  for (const samples::Sample& s : samples) {
    const std::string& value = by == GroupBy::region ? s.region : s.pop;
    const std::string label = value.empty() ? kNoGroup : value;
    auto found = std::find_if(groups.begin(), groups.end(), [&](const SampleGroup& g) { return g.label == label; });
    if (found == groups.end()) found = groups.insert(groups.end(), SampleGroup{label, {}});
    found->samples.push_back(s);
  }
  return groups;
}

std::vector<results::Manifest> runs_of(const std::vector<samples::Sample>& samples, const std::vector<results::Manifest>& runs) {
  std::set<std::string> ids;
  for (const samples::Sample& s : samples) ids.insert(s.run_id);
  return runs_with_ids(ids, runs);
}

GroupedReport build_grouped_report(const std::vector<samples::Sample>& samples, const std::vector<results::Manifest>& runs,
                                   std::optional<GroupBy> by) {
  GroupedReportBuilder builder(by, merge_run_info(runs).slo);
  for (const samples::Sample& s : samples) builder.add(s);
  return builder.build(runs);
}

void GroupedReportBuilder::add(const samples::Sample& s) {
  overall_.add(s);
  if (!by_) return;
  const std::string& value = *by_ == GroupBy::region ? s.region : s.pop;
  const std::string_view label = value.empty() ? std::string_view(kNoGroup) : std::string_view(value);
  auto found = std::find_if(groups_.begin(), groups_.end(), [&](const LabelGroup& g) { return g.label == label; });
  if (found == groups_.end()) {
    found = groups_.insert(groups_.end(), LabelGroup{std::string(label), MetricGroupsBuilder(slo_), {}});
  }
  found->rows.add(s);
  if (found->run_ids.find(s.run_id) == found->run_ids.end()) found->run_ids.insert(s.run_id);
}

GroupedReport GroupedReportBuilder::build(const std::vector<results::Manifest>& runs) {
  GroupedReport grouped;
  RunInfo overall = merge_run_info(runs);
  overall.slo = slo_;  // what the samples were judged by as they were added
  grouped.overall = build_report(overall_.take(), overall);
  if (!by_) return grouped;
  grouped.column = std::string(group_column(*by_));
  for (LabelGroup& group : groups_) {
    RunInfo info = merge_run_info(runs_with_ids(group.run_ids, runs));
    info.targets = grouped.overall.run.targets;  // including names seen only in the rows
    info.phases = grouped.overall.run.phases;
    info.pricing = overall.pricing;
    info.slo = slo_;
    grouped.groups.emplace_back(group.label, build_report(group.rows.take(), info));
  }
  return grouped;
}

}  // namespace ttft::report
