// build_report: from the samples grouped by target and phase (metric_groups), derives rows, error
// counts, costs, break-evens, verdicts and the client-lateness note. The only place report
// figures are made.
//
// Rules: latency statistics use successful samples only (error empty) where the metric was
// measured; `errors` counts the group's failed samples, which enter only the *_incl_errors
// percentiles (docs/metrics.md, "Failures in the tail"). Each CI's bootstrap seed is
// group_seed(run.seed, {target, phase, metric, "p50"|"p95"}), so a re-render is identical.
// Verdicts compare the run's headline metric (docs/metrics.md, "Reasoning models"), and also
// first_answer when a target streamed reasoning under another headline.
#include "report/report_model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <span>

#include "metrics/definitions.hpp"
#include "report/embeddings_figures.hpp"
#include "report/group_seed.hpp"
#include "report/metric_groups.hpp"
#include "report/verdict.hpp"
#include "report/workload_figures.hpp"
#include "stats/percentile.hpp"
#include "stats/sort_values.hpp"

namespace ttft::report {
namespace {

constexpr double kLatenessWarnFraction = 0.1;  // own p99 lateness vs the fastest median TTFT
constexpr const char* kLatenessMetric = "ttft";  // the client-lateness note's yardstick
constexpr const char* kAnswerMetric = "first_answer";
constexpr const char* kNonStreamingMetric = "e2e";  // what non-streaming targets are compared on
constexpr std::size_t kMaxMergedPhases = 4;  // merging k phases takes k passes, a radix sort ~6

void append_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// One metric's values in a group: in sample order (what value-by-value resampling draws from, so
// small samples keep their intervals) and sorted once for the summary, CIs and verdicts.
struct MetricValues {
  std::vector<double> recorded;
  std::vector<double> sorted;
};

MetricRow make_row(const GroupKey& key, const metrics::MetricDefinition& metric,
                   const MetricValues& values, std::size_t errors, std::uint64_t run_seed) {
  MetricRow row;
  row.target = key.first;
  row.phase = key.second;
  row.metric = std::string(metric.name);
  row.unit = std::string(metric.unit);
  row.errors = errors;
  row.n = values.recorded.size();
  row.summary = stats::summarize_sorted(values.sorted);
  row.p50_ci = stats::bootstrap_ci(
      values.recorded, values.sorted, 50,
      group_seed(run_seed, {key.first, key.second, metric.name, "p50"}));
  row.p95_ci = stats::bootstrap_ci(
      values.recorded, values.sorted, 95,
      group_seed(run_seed, {key.first, key.second, metric.name, "p95"}));
  const auto rank = metric.higher_is_better ? stats::FailureRank::below : stats::FailureRank::above;
  row.p50_incl_errors = stats::percentile_with_failures(values.sorted, errors, 50, rank);
  row.p95_incl_errors = stats::percentile_with_failures(values.sorted, errors, 95, rank);
  row.p99_incl_errors = stats::percentile_with_failures(values.sorted, errors, 99, rank);
  row.p50_small_n = stats::too_few_for(50, row.n);
  row.p95_small_n = stats::too_few_for(95, row.n);
  row.p99_small_n = stats::too_few_for(99, row.n);
  return row;
}

// The verdict metric's values per target and phase, kept from the rows for the verdicts, with
// the group's failed requests among all of them.
struct VerdictGroup {
  MetricValues values;
  stats::Proportion failed;
};
using VerdictValues = std::map<GroupKey, VerdictGroup>;
using VerdictValuesByMetric = std::map<std::string, VerdictValues, std::less<>>;

// The p50 and p95 verdicts of `metric` for every pair of targets in every phase, appended to `verdicts`.
void add_verdicts(const RunInfo& run, const std::string& metric_name, const VerdictValues& by_group,
                  std::vector<Verdict>& verdicts) {
  static const VerdictGroup kEmpty;
  const metrics::MetricDefinition& metric = *metrics::find_metric(metric_name);
  auto group_for = [&](const std::string& target, const std::string& phase) -> const VerdictGroup& {
    const auto found = by_group.find({target, phase});
    return found == by_group.end() ? kEmpty : found->second;
  };
  // A non-streaming target has no TTFT: it is compared on e2e, and only with another non-streaming
  // one, never with a stream's first token (docs/metrics.md ("Non-streaming targets")); an
  // embeddings target likewise, with another embeddings target only.
  const bool e2e_metric = metric_name == kNonStreamingMetric;
  const auto group = [&](const std::string& target) { return run.is_embeddings(target) ? 2 : run.is_non_streaming(target) ? 1 : 0; };
  const auto compared = [&](const std::string& a, const std::string& b) {
    return group(a) == group(b) && (group(a) != 0) == e2e_metric;
  };
  for (std::size_t i = 0; i < run.targets.size(); ++i) {
    for (std::size_t j = i + 1; j < run.targets.size(); ++j) {
      if (!compared(run.targets[i], run.targets[j])) continue;
      for (const std::string& phase : run.phases) {
        const VerdictGroup& a = group_for(run.targets[i], phase);
        const VerdictGroup& b = group_for(run.targets[j], phase);
        const VerdictInput input{phase,
                                 std::string(metric.name),
                                 std::string(metric.unit),
                                 run.targets[i],
                                 run.targets[j],
                                 a.values.recorded,
                                 b.values.recorded,
                                 run.seed,
                                 a.values.sorted,
                                 b.values.sorted,
                                 a.failed,
                                 b.failed};
        verdicts.push_back(compare_percentile(input, 50));
        verdicts.push_back(compare_percentile(input, 95));
      }
    }
  }
}

// Targets whose first token was reasoning in any row, in run order.
std::vector<std::string> reasoning_targets(const RunInfo& run, const MetricGroups& grouped) {
  std::vector<std::string> targets;
  for (const std::string& target : run.targets) {
    const auto found = grouped.groups.find(GroupKeyLess::View{target, kAllPhases});
    if (found != grouped.groups.end() && found->second.reasoning_first > 0) targets.push_back(target);
  }
  return targets;
}

// A reasoning model must never win or lose on a number the user does not see (docs/metrics.md,
// "Reasoning models"): the one-line note beside a headline that counts reasoning tokens.
std::string reasoning_note(const std::vector<std::string>& targets) {
  const bool one = targets.size() == 1;
  return fmt::format(
      "{} streamed reasoning before {} answer: the headline counts {} first reasoning token; the "
      "first_answer verdicts below count what the user sees",
      fmt::join(targets, ", "), one ? "its" : "their", one ? "its" : "their");
}

void add_costs(Report& report, const MetricGroups& grouped) {
  for (const std::string& target : report.run.targets) {
    std::vector<cost::TokenCount> none;
    const auto found = grouped.groups.find(GroupKeyLess::View{target, kAllPhases});
    const std::vector<cost::TokenCount>& counts = found == grouped.groups.end() ? none : found->second.tokens;
    const auto priced = report.run.pricing.find(target);
    const cost::Pricing pricing =
        priced == report.run.pricing.end() ? cost::Pricing{} : priced->second;
    report.costs[target] = cost::summarize_cost(pricing, counts);
  }
  const auto& targets = report.run.targets;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      const auto pricing_of = [&](const std::string& target) {
        const auto found = report.run.pricing.find(target);
        return found == report.run.pricing.end() ? cost::Pricing{} : found->second;
      };
      report.break_evens.push_back(
          {{targets[i], targets[j]},
           cost::break_even(pricing_of(targets[i]), pricing_of(targets[j]),
                            cost::kDefaultReferenceOutputTokens, targets[i], targets[j])});
    }
  }
}

// The rows of every target × (phase..., kAllPhases) × metric, taking each group's values;
// returns the values per target and phase of each metric in `verdict_metrics`.
VerdictValuesByMetric add_metric_rows(Report& report, MetricGroups& grouped,
                                      const std::vector<std::string>& verdict_metrics) {
  const auto& metrics = metrics::metric_definitions();
  stats::ValueSorter sorter;
  VerdictValuesByMetric verdict_values;
  // Every sample of a target is in exactly one of its phases, so its kAllPhases values sorted
  // are its phases' sorted values merged: one pass per phase instead of a sort's six. Not when
  // a phase is itself named like kAllPhases (its samples count twice in that group).
  const auto& run_phases = report.run.phases;
  const bool merge_all = std::count(run_phases.begin(), run_phases.end(), kAllPhases) == 0 &&
                         run_phases.size() <= kMaxMergedPhases;
  for (const std::string& target : report.run.targets) {
    std::vector<std::string> phases = run_phases;
    phases.emplace_back(kAllPhases);
    std::vector<std::vector<MetricValues>> by_phase(metrics.size());  // this target's, per metric
    for (const std::string& phase : phases) {
      const auto found = grouped.groups.find(GroupKeyLess::View{target, phase});
      MetricGroup* group = found == grouped.groups.end() ? nullptr : &found->second;
      // A phase named like kAllPhases is visited twice: its values are copied then, not taken.
      const bool visited_once = std::count(phases.begin(), phases.end(), phase) == 1;
      const bool is_all = phase == kAllPhases;
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        MetricValues values;
        if (group != nullptr) values.recorded = visited_once ? std::move(group->values[m]) : group->values[m];
        if (is_all && merge_all) {
          std::vector<std::span<const double>> parts;
          for (const MetricValues& part : by_phase[m]) parts.emplace_back(part.sorted);
          values.sorted = stats::merge_sorted(parts);
        } else {
          values.sorted = values.recorded;
          sorter.sort(values.sorted);
        }
        report.rows.push_back(
            make_row({target, phase}, metrics[m], values, group ? group->errors : 0, report.run.seed));
        const bool verdict_metric =
            std::find(verdict_metrics.begin(), verdict_metrics.end(), metrics[m].name) != verdict_metrics.end();
        if (verdict_metric && !is_all) {
          const stats::Proportion failed{group ? group->errors : 0, group ? group->requests : 0};
          verdict_values[std::string(metrics[m].name)][{target, phase}] = {values, failed};
        }
        if (!is_all && merge_all) by_phase[m].push_back(std::move(values));
      }
    }
  }
  return verdict_values;
}

// A run whose own lateness is large next to the latencies it reports says so (docs/metrics.md ("Client lateness")).
std::optional<std::string> client_error_note(const Report& report) {
  if (!report.run.client_lateness) return std::nullopt;
  const LatenessSummary& own = *report.run.client_lateness;
  std::optional<double> worst;
  for (const auto& figure : {own.send_lag_p99_ms, own.wake_p99_ms, own.busy_p99_ms}) {
    if (figure && (!worst || *figure > *worst)) worst = figure;
  }
  std::optional<double> fastest;
  for (const MetricRow& row : report.rows) {
    if (row.metric != kLatenessMetric || row.phase != kAllPhases || !row.summary.p50) continue;
    if (!fastest || *row.summary.p50 < *fastest) fastest = row.summary.p50;
  }
  if (!worst || !fastest || *worst <= kLatenessWarnFraction * *fastest) return std::nullopt;
  return fmt::format(
      "the client's own lateness (p99 {:.3g} ms) exceeds 10% of the fastest "
      "median time to first token ({:.3g} ms): latencies include client delay",
      *worst, *fastest);
}

}  // namespace

RunInfo with_observed_names(RunInfo run, const std::vector<samples::Sample>& samples) {
  for (const samples::Sample& s : samples) {
    append_unique(run.targets, s.target);
    append_unique(run.phases, s.phase);
  }
  return run;
}

Report build_report(const std::vector<samples::Sample>& samples, const RunInfo& run) {
  return build_report(group_metric_values(samples, run.slo), run);
}

Report build_report(MetricGroups grouped, const RunInfo& run) {
  Report report;
  report.run = run;
  for (const std::string& target : grouped.targets) append_unique(report.run.targets, target);
  for (const std::string& phase : grouped.phases) append_unique(report.run.phases, phase);
  const std::string headline = headline_metric(report.run);
  std::vector<std::string> verdict_metrics{headline};
  report.reasoning_targets = reasoning_targets(report.run, grouped);
  if (!report.reasoning_targets.empty() && headline != kAnswerMetric) {
    report.reasoning_note = reasoning_note(report.reasoning_targets);
    verdict_metrics.emplace_back(kAnswerMetric);
  }
  if (report.run.non_streaming_targets.size() >= 2 || report.run.embeddings_targets.size() >= 2) {
    verdict_metrics.emplace_back(kNonStreamingMetric);
  }
  // Before add_metric_rows, which moves the groups' values into the verdicts' inputs.
  report.browser_pairs = build_browser_pairs(report.run.browser_pairs, report.run.phases, grouped, report.run.seed);
  VerdictValuesByMetric verdict_values = add_metric_rows(report, grouped, verdict_metrics);
  report.samples = grouped.samples;
  report.errors = grouped.errors;
  report.errors_by_class = std::move(grouped.errors_by_class);
  add_costs(report, grouped);
  for (const std::string& metric : verdict_metrics)
    add_verdicts(report.run, metric, verdict_values[metric], report.verdicts);
  report.goodput = build_goodput(report.run.slo, report.run.targets, report.run.phases, grouped);
  report.accuracy = build_accuracy(report.run.targets, report.run.phases, grouped);
  report.client_error_note = client_error_note(report);
  report.sweeps = build_sweeps(report, grouped);
  report.turns = build_turns(report.run, grouped);
  report.embeddings = build_embeddings(report, grouped);
  return report;
}

std::string headline_metric(const RunInfo& run) {
  const bool known = run.headline == "first_token" || run.headline == kAnswerMetric;
  return known ? run.headline : "ttft";
}

const MetricRow* find_row(const Report& report, const std::string& target, const std::string& phase,
                          const std::string& metric) {
  for (const MetricRow& row : report.rows) {
    if (row.target == target && row.phase == phase && row.metric == metric) return &row;
  }
  return nullptr;
}

}  // namespace ttft::report
